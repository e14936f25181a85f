-- AlterTable
ALTER TABLE "auth"."AuthorizationRequest" ADD COLUMN     "requireKeyAttestation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "auth"."IssuerState" ADD COLUMN     "requireKeyAttestation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requireWalletAttestation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "auth"."PreAuthorizedCode" ADD COLUMN     "requireKeyAttestation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requireWalletAttestation" BOOLEAN NOT NULL DEFAULT false;
