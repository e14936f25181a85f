-- AlterTable
ALTER TABLE "auth"."AuthorizationRequest" ADD COLUMN     "testBehaviours" JSONB;

-- AlterTable
ALTER TABLE "auth"."IssuerState" ADD COLUMN     "testBehaviours" JSONB;
