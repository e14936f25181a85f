-- AlterTable
ALTER TABLE "offer"."Issuance" ADD COLUMN     "testBehaviours" JSONB;
