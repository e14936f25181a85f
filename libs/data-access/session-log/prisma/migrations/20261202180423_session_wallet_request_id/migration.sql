-- AlterTable
ALTER TABLE "session_log"."Session" ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "dialect" TEXT,
ADD COLUMN     "userAgent" TEXT,
ADD COLUMN     "walletLabel" TEXT,
ADD COLUMN     "walletName" TEXT;

-- AlterTable
ALTER TABLE "session_log"."TimelineEntry" ADD COLUMN     "requestId" TEXT;

-- CreateIndex
CREATE INDEX "Session_walletLabel_idx" ON "session_log"."Session"("walletLabel");

-- CreateIndex
CREATE INDEX "TimelineEntry_requestId_idx" ON "session_log"."TimelineEntry"("requestId");
