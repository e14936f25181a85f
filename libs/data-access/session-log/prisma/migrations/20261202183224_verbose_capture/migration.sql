-- AlterTable
ALTER TABLE "session_log"."Session" ADD COLUMN     "verboseCaptureUntil" TIMESTAMPTZ(3);
