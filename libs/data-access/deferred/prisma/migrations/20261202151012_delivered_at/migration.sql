-- AlterTable
ALTER TABLE "deferred"."DeferredTransaction" ADD COLUMN     "deliveredAt" TIMESTAMPTZ(3);
