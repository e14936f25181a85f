-- CreateTable
CREATE TABLE "auth"."IssuerState" (
    "issuerStateHash" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "issuanceId" TEXT NOT NULL,
    "credentialConfigurationIds" TEXT[],
    "compatibilityProfile" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuerState_pkey" PRIMARY KEY ("issuerStateHash")
);

-- CreateTable
CREATE TABLE "auth"."AuthorizationRequest" (
    "requestUriHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "codeChallenge" TEXT NOT NULL,
    "state" TEXT,
    "credentialConfigurationIds" TEXT[],
    "authorizationDetails" JSONB,
    "sessionId" TEXT,
    "issuanceId" TEXT,
    "compatibilityProfile" TEXT,
    "dpopJkt" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "subject" TEXT,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMPTZ(3),
    "codeConsumedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthorizationRequest_pkey" PRIMARY KEY ("requestUriHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizationRequest_codeHash_key" ON "auth"."AuthorizationRequest"("codeHash");

-- CreateIndex
CREATE INDEX "AuthorizationRequest_sessionId_idx" ON "auth"."AuthorizationRequest"("sessionId");
