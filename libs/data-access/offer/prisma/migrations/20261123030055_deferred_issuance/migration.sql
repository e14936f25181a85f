-- AlterTable
ALTER TABLE "offer"."Issuance" ADD COLUMN     "deferred" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "denialReason" TEXT;
