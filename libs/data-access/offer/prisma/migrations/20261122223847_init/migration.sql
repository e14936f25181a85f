-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "offer";

-- CreateTable
CREATE TABLE "offer"."Issuance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "credentials" JSONB NOT NULL,
    "grantType" TEXT NOT NULL,
    "txCodeSpec" JSONB,
    "credentialOffer" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "offerExpiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Issuance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer"."OutboxEvent" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer"."ProcessedEvent" (
    "consumer" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("consumer","eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Issuance_sessionId_key" ON "offer"."Issuance"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Issuance_offerId_key" ON "offer"."Issuance"("offerId");

-- CreateIndex
CREATE INDEX "Issuance_createdAt_id_idx" ON "offer"."Issuance"("createdAt", "id");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "offer"."OutboxEvent"("publishedAt", "createdAt");
