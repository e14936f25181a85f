-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "session_log";

-- CreateTable
CREATE TABLE "session_log"."Session" (
    "id" TEXT NOT NULL,
    "issuanceId" TEXT,
    "state" TEXT NOT NULL,
    "stateChangedAt" TIMESTAMPTZ(3) NOT NULL,
    "grantType" TEXT,
    "credentialConfigurationIds" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_log"."TimelineEntry" (
    "id" BIGSERIAL NOT NULL,
    "sessionId" TEXT,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT NOT NULL,
    "endpoint" TEXT,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "traceId" TEXT,
    "spanId" TEXT,
    "clientId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_log"."SessionEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "SessionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_log"."OutboxEvent" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_log"."ProcessedEvent" (
    "consumer" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("consumer","eventId")
);

-- CreateIndex
CREATE INDEX "Session_createdAt_id_idx" ON "session_log"."Session"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Session_state_createdAt_idx" ON "session_log"."Session"("state", "createdAt");

-- CreateIndex
CREATE INDEX "TimelineEntry_sessionId_time_idx" ON "session_log"."TimelineEntry"("sessionId", "time");

-- CreateIndex
CREATE INDEX "TimelineEntry_time_idx" ON "session_log"."TimelineEntry"("time");

-- CreateIndex
CREATE INDEX "SessionEvent_sessionId_occurredAt_idx" ON "session_log"."SessionEvent"("sessionId", "occurredAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "session_log"."OutboxEvent"("publishedAt", "createdAt");
