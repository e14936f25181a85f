-- AlterTable
ALTER TABLE "offer"."Issuance" ADD COLUMN     "pushEndpoint" TEXT,
ADD COLUMN     "pushError" TEXT,
ADD COLUMN     "pushState" TEXT,
ADD COLUMN     "pushStatusCode" INTEGER,
ADD COLUMN     "pushedAt" TIMESTAMPTZ(3);
