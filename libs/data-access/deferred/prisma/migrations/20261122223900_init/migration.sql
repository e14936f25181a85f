-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "deferred";

-- CreateTable
CREATE TABLE "deferred"."DeferredTransaction" (
    "transactionId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "issuanceId" TEXT NOT NULL,
    "credentialConfigurationId" TEXT NOT NULL,
    "holderJwks" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "claims" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMPTZ(3),
    "redeemedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DeferredTransaction_pkey" PRIMARY KEY ("transactionId")
);

-- CreateTable
CREATE TABLE "deferred"."DpopJti" (
    "jkt" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DpopJti_pkey" PRIMARY KEY ("jkt","jti")
);

-- CreateTable
CREATE TABLE "deferred"."OutboxEvent" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deferred"."ProcessedEvent" (
    "consumer" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("consumer","eventId")
);

-- CreateIndex
CREATE INDEX "DeferredTransaction_sessionId_idx" ON "deferred"."DeferredTransaction"("sessionId");

-- CreateIndex
CREATE INDEX "DeferredTransaction_issuanceId_idx" ON "deferred"."DeferredTransaction"("issuanceId");

-- CreateIndex
CREATE INDEX "DpopJti_expiresAt_idx" ON "deferred"."DpopJti"("expiresAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "deferred"."OutboxEvent"("publishedAt", "createdAt");
