-- CreateTable
CREATE TABLE "credential"."StatusList" (
    "id" TEXT NOT NULL,
    "uri" TEXT NOT NULL,
    "bits" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "allocated" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credential"."CredentialStatus" (
    "statusListId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,
    "credentialId" TEXT NOT NULL,
    "allocatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CredentialStatus_pkey" PRIMARY KEY ("statusListId","statusIndex")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusList_uri_key" ON "credential"."StatusList"("uri");

-- CreateIndex
CREATE INDEX "StatusList_bits_size_createdAt_idx" ON "credential"."StatusList"("bits", "size", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CredentialStatus_credentialId_key" ON "credential"."CredentialStatus"("credentialId");

-- AddForeignKey
ALTER TABLE "credential"."CredentialStatus" ADD CONSTRAINT "CredentialStatus_statusListId_fkey" FOREIGN KEY ("statusListId") REFERENCES "credential"."StatusList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
