-- CreateTable
CREATE TABLE "credential"."KeyProof" (
    "proofHash" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyProof_pkey" PRIMARY KEY ("proofHash")
);

-- Key proofs used before this table existed stay used.
INSERT INTO "credential"."KeyProof" ("proofHash", "sessionId", "usedAt")
SELECT "proofHash", "sessionId", "createdAt" FROM "credential"."IssuedCredential" WHERE "proofHash" IS NOT NULL;
