-- CreateTable
CREATE TABLE "credential"."AppliedTestBehaviour" (
    "sessionId" TEXT NOT NULL,
    "behaviour" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppliedTestBehaviour_pkey" PRIMARY KEY ("sessionId","behaviour")
);
