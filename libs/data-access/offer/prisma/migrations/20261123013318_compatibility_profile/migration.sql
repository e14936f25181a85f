-- AlterTable
ALTER TABLE "offer"."Issuance" ADD COLUMN     "compatibilityProfile" TEXT;
