-- open_instalments keeps each open instalment's due date: the staff home's overdue count joined
-- every open instalment to pledge_instalments for it (issue #12, staff pages at 1M ledger rows).
-- A summary table (decision 009): filled from the facts here, kept in step by the writers.
ALTER TABLE "open_instalments" ADD COLUMN "dueOn" DATE;
UPDATE "open_instalments" o SET "dueOn" = i."dueOn" FROM "pledge_instalments" i WHERE i.id = o."instalmentId";
ALTER TABLE "open_instalments" ALTER COLUMN "dueOn" SET NOT NULL;
CREATE INDEX "open_instalments_dueOn_idx" ON "open_instalments"("dueOn");
