-- open_instalments keeps each open instalment's pledge currency and what it still owes in that
-- currency (issue #12, staff pages at 1M ledger rows). The bank review suggested instalments by
-- scoring every open instalment's payments and reversals once per listed credit (about 58 s a
-- view); with the owed amount here, "same amount" is an index lookup. The overdue list's currency
-- choices read the column instead of joining every open instalment to its pledge.
-- A summary table (decision 009): filled from the facts here, kept in step by the writers.
ALTER TABLE "open_instalments" ADD COLUMN "currency" CHAR(3), ADD COLUMN "openMinor" BIGINT;
UPDATE "open_instalments" o
SET "currency" = pl."currency",
    "openMinor" = GREATEST(i."amountMinor" - COALESCE(settled.net, 0) - COALESCE(w."amountMinor", 0), 0)
FROM "pledge_instalments" i
JOIN "pledges" pl ON pl.id = i."pledgeId"
LEFT JOIN "instalment_write_offs" w ON w."instalmentId" = i.id
LEFT JOIN LATERAL (
  SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM "reversals" r WHERE r."paymentId" = p.id), 0))::bigint AS net
  FROM "payments" p WHERE p."instalmentId" = i.id
) settled ON TRUE
WHERE i.id = o."instalmentId";
ALTER TABLE "open_instalments" ALTER COLUMN "currency" SET NOT NULL, ALTER COLUMN "openMinor" SET NOT NULL;
CREATE INDEX "open_instalments_currency_openMinor_idx" ON "open_instalments"("currency", "openMinor");
