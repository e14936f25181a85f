-- CreateTable
CREATE TABLE "auth"."RefreshTokenFamily" (
    "requestUriHash" TEXT NOT NULL,
    "dpopJkt" TEXT,
    "currentTokenHash" TEXT NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revocationReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RefreshTokenFamily_pkey" PRIMARY KEY ("requestUriHash")
);

-- CreateTable
CREATE TABLE "auth"."RefreshToken" (
    "tokenHash" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RefreshToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "RefreshTokenFamily_currentTokenHash_key" ON "auth"."RefreshTokenFamily"("currentTokenHash");

-- CreateIndex
CREATE INDEX "RefreshToken_familyId_idx" ON "auth"."RefreshToken"("familyId");

-- AddForeignKey
ALTER TABLE "auth"."RefreshTokenFamily" ADD CONSTRAINT "RefreshTokenFamily_requestUriHash_fkey" FOREIGN KEY ("requestUriHash") REFERENCES "auth"."AuthorizationRequest"("requestUriHash") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth"."RefreshToken" ADD CONSTRAINT "RefreshToken_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "auth"."RefreshTokenFamily"("requestUriHash") ON DELETE CASCADE ON UPDATE CASCADE;
