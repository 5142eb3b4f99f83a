-- Finance's payments page lists and totals one month of payments, newest first (issue #12:
-- staff pages at 1M ledger rows; all-time totals and an unindexed sort took half a second a view).
CREATE INDEX "payments_receivedAt_id_idx" ON "payments"("receivedAt", "id");
