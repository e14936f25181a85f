-- AlterTable
ALTER TABLE "offer"."Issuance" ADD COLUMN     "credentialStatus" TEXT NOT NULL DEFAULT 'operational';
