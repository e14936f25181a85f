-- AlterTable
ALTER TABLE "auth"."PreAuthorizedCode" ADD COLUMN     "compatibilityProfile" TEXT;
