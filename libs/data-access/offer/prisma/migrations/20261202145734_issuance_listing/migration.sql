-- CreateIndex
CREATE INDEX "Issuance_status_createdAt_id_idx" ON "offer"."Issuance"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Issuance_grantType_createdAt_id_idx" ON "offer"."Issuance"("grantType", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Issuance_credentials_idx" ON "offer"."Issuance" USING GIN ("credentials" jsonb_path_ops);
