-- AlterTable
ALTER TABLE "deferred"."DeferredTransaction" DROP COLUMN "claims",
DROP COLUMN "readyAt";

-- CreateTable
CREATE TABLE "deferred"."DeferredIssuance" (
    "issuanceId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "readyCredentialConfigurationIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "denialReason" TEXT,
    "deniedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeferredIssuance_pkey" PRIMARY KEY ("issuanceId")
);
