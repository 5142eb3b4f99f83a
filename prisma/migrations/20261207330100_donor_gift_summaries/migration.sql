-- Each donor's giving in one row, for the appeal segments' count over every donor (issue #15;
-- docs/decisions/046): when they last gave and what they gave in all, in USD minor units, counting
-- only payments whose reversals leave something (a refunded gift is no gift). Payments and
-- reversals are append-only facts, so two statement-level insert triggers keep it exact, as
-- bank_open_entries is kept (migration 20261207130000): the donors a statement touched are summed
-- again from their facts. A donor with no gift left has no row.

-- CreateTable
CREATE TABLE "donor_gift_summaries" (
    "donorId" UUID NOT NULL,
    "lastGiftAt" TIMESTAMPTZ(3) NOT NULL,
    "totalUsdMinor" BIGINT NOT NULL,
    "gifts" INTEGER NOT NULL,

    CONSTRAINT "donor_gift_summaries_pkey" PRIMARY KEY ("donorId")
);

-- CreateIndex
CREATE INDEX "donor_gift_summaries_lastGiftAt_idx" ON "donor_gift_summaries"("lastGiftAt");

CREATE FUNCTION refresh_donor_gift_summaries(donor_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- One writer per donor at a time, in a fixed order (no deadlock); the sum below is a new statement,
  -- so under READ COMMITTED it sees what a writer that held the lock before us committed. A bulk
  -- insert (thousands of donors: more locks than the lock table holds) takes the whole summary
  -- instead, which every per-donor writer shares.
  IF cardinality(donor_ids) > 1000 THEN
    PERFORM pg_advisory_xact_lock(47, 0);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(47, 0);
    PERFORM pg_advisory_xact_lock(46, hashtext(id::text)) FROM unnest(donor_ids) AS id ORDER BY hashtext(id::text);
  END IF;
  DELETE FROM "donor_gift_summaries" WHERE "donorId" = ANY(donor_ids);
  INSERT INTO "donor_gift_summaries" ("donorId", "lastGiftAt", "totalUsdMinor", "gifts")
  SELECT p."donorId", max(p."receivedAt"), sum(p."usdMinor" - COALESCE(r.usd, 0))::bigint, count(*)::int
    FROM "payments" p
    LEFT JOIN (SELECT "paymentId", sum("usdMinor")::bigint AS usd FROM "reversals"
                WHERE "paymentId" IN (SELECT id FROM "payments" WHERE "donorId" = ANY(donor_ids)) GROUP BY "paymentId") r
      ON r."paymentId" = p.id
   WHERE p."donorId" = ANY(donor_ids) AND p."usdMinor" - COALESCE(r.usd, 0) > 0
   GROUP BY p."donorId";
END $$;

CREATE FUNCTION payments_refresh_donor_gifts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_donor_gift_summaries(ARRAY(SELECT DISTINCT "donorId" FROM new_payments));
  RETURN NULL;
END $$;

CREATE FUNCTION reversals_refresh_donor_gifts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_donor_gift_summaries(ARRAY(SELECT DISTINCT p."donorId" FROM new_reversals r JOIN "payments" p ON p.id = r."paymentId"));
  RETURN NULL;
END $$;

CREATE TRIGGER payments_donor_gifts AFTER INSERT ON "payments" REFERENCING NEW TABLE AS new_payments
  FOR EACH STATEMENT EXECUTE FUNCTION payments_refresh_donor_gifts();
CREATE TRIGGER reversals_donor_gifts AFTER INSERT ON "reversals" REFERENCING NEW TABLE AS new_reversals
  FOR EACH STATEMENT EXECUTE FUNCTION reversals_refresh_donor_gifts();

INSERT INTO "donor_gift_summaries" ("donorId", "lastGiftAt", "totalUsdMinor", "gifts")
SELECT p."donorId", max(p."receivedAt"), sum(p."usdMinor" - COALESCE(r.usd, 0))::bigint, count(*)::int
  FROM "payments" p
  LEFT JOIN (SELECT "paymentId", sum("usdMinor")::bigint AS usd FROM "reversals" GROUP BY "paymentId") r ON r."paymentId" = p.id
 WHERE p."usdMinor" - COALESCE(r.usd, 0) > 0
 GROUP BY p."donorId";
ANALYZE "donor_gift_summaries";

-- Segments of monthly or instalment donors read those pledges only (a tenth and a fifth of them).
-- CreateIndex
CREATE INDEX "pledges_frequency_donorId_idx" ON "pledges"("frequency", "donorId");
