-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "credential";

-- CreateTable
CREATE TABLE "credential"."IssuedCredential" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "issuanceId" TEXT NOT NULL,
    "credentialConfigurationId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "holderJkt" TEXT,
    "proofHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuedCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credential"."Notification" (
    "notificationId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "description" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("notificationId","event")
);

-- CreateTable
CREATE TABLE "credential"."DpopJti" (
    "jkt" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DpopJti_pkey" PRIMARY KEY ("jkt","jti")
);

-- CreateTable
CREATE TABLE "credential"."OutboxEvent" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credential"."ProcessedEvent" (
    "consumer" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("consumer","eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_proofHash_key" ON "credential"."IssuedCredential"("proofHash");

-- CreateIndex
CREATE INDEX "IssuedCredential_notificationId_idx" ON "credential"."IssuedCredential"("notificationId");

-- CreateIndex
CREATE INDEX "IssuedCredential_sessionId_idx" ON "credential"."IssuedCredential"("sessionId");

-- CreateIndex
CREATE INDEX "DpopJti_expiresAt_idx" ON "credential"."DpopJti"("expiresAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "credential"."OutboxEvent"("publishedAt", "createdAt");
