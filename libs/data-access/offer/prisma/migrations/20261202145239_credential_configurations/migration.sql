-- CreateTable
CREATE TABLE "offer"."CredentialConfiguration" (
    "id" TEXT NOT NULL,
    "configuration" JSONB NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CredentialConfiguration_pkey" PRIMARY KEY ("id")
);
