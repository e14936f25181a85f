-- AlterTable
ALTER TABLE "deferred"."DeferredTransaction" ADD COLUMN     "readyAt" TIMESTAMPTZ(3);
