-- AlterTable
ALTER TABLE "session_log"."TimelineEntry" ALTER COLUMN "data" SET DATA TYPE TEXT;
