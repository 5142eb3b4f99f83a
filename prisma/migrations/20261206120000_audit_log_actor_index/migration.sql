-- The audit page filters by person and pages newest first by id (docs/decisions/027).
-- CreateIndex
CREATE INDEX "audit_log_actorId_id_idx" ON "audit_log"("actorId", "id");
