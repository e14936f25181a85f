-- AlterTable
ALTER TABLE "auth"."PreAuthorizedCode" ADD COLUMN     "testBehaviours" JSONB;
