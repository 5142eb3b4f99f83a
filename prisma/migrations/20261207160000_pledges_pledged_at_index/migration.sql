-- Finance's missing-rates list counts the pledges of a month by index (issue #12: staff pages at 1M ledger rows).
CREATE INDEX "pledges_pledgedAt_idx" ON "pledges"("pledgedAt");
