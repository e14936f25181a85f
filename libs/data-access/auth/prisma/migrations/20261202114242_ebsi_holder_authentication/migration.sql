-- AlterTable
ALTER TABLE "auth"."AuthorizationRequest" ADD COLUMN     "holderAuthorizationEndpoint" TEXT,
ADD COLUMN     "nonce" TEXT;
