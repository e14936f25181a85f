-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "auth";

-- CreateTable
CREATE TABLE "auth"."PreAuthorizedCode" (
    "codeHash" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "issuanceId" TEXT NOT NULL,
    "credentialConfigurationIds" TEXT[],
    "txCodeHash" TEXT,
    "txCodeAttempts" INTEGER NOT NULL DEFAULT 0,
    "maxTxCodeAttempts" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "consumedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreAuthorizedCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "auth"."DpopJti" (
    "jkt" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DpopJti_pkey" PRIMARY KEY ("jkt","jti")
);

-- CreateTable
CREATE TABLE "auth"."OutboxEvent" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."ProcessedEvent" (
    "consumer" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("consumer","eventId")
);

-- CreateIndex
CREATE INDEX "PreAuthorizedCode_sessionId_idx" ON "auth"."PreAuthorizedCode"("sessionId");

-- CreateIndex
CREATE INDEX "DpopJti_expiresAt_idx" ON "auth"."DpopJti"("expiresAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "auth"."OutboxEvent"("publishedAt", "createdAt");
