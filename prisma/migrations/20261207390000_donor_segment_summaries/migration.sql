-- Two more per-donor summaries for the appeal segments' count over every donor (issue #15;
-- docs/decisions/051), kept as donor_gift_summaries is (migration 20261207330100): statement-level
-- insert triggers on the append-only facts sum the touched donors again from their facts, under a
-- per-donor advisory lock; the ledger check compares them with the facts after every test file.
--
-- donor_funded_scopes: the programmes and projects a donor's money went to — the programme or
-- project a payment was earmarked to, while its reversals leave something of it, and each project
-- their pooled (or earmarked) money was allocated to, while those allocations net above zero. The
-- programme of a project is not copied: projects move between programmes, so a segment of a
-- programme takes in its projects as they are when it counts.
--
-- donor_giving_modes: how many pledges of the donor run now — monthly gifts that have paid and
-- have not ended (no cancellation or write-off as the pledge's latest event, no CANCELLED change,
-- no cancelled subscription), and instalment pledges whose latest event did not end them. A donor
-- with none has no row.

-- CreateTable
CREATE TABLE "donor_funded_scopes" (
    "donorId" UUID NOT NULL,
    "scopeId" UUID NOT NULL,

    CONSTRAINT "donor_funded_scopes_pkey" PRIMARY KEY ("donorId","scopeId")
);

-- CreateTable
CREATE TABLE "donor_giving_modes" (
    "donorId" UUID NOT NULL,
    "runningMonthly" INTEGER NOT NULL,
    "runningInstalments" INTEGER NOT NULL,

    CONSTRAINT "donor_giving_modes_pkey" PRIMARY KEY ("donorId")
);

-- CreateIndex
CREATE INDEX "donor_funded_scopes_scopeId_donorId_idx" ON "donor_funded_scopes"("scopeId", "donorId");

-- The facts, as views over every donor: a refresh reads them for a few donors (the planner pushes
-- the donor condition down to the payments' and pledges' donor indexes). The ledger check states
-- the same rules in its own SQL.
CREATE VIEW donor_funded_scope_facts AS
  SELECT p."donorId", CASE p."earmarkType" WHEN 'PROGRAMME' THEN p."programmeId" ELSE p."projectId" END AS "scopeId"
    FROM "payments" p
   WHERE p."earmarkType" <> 'GENERAL_PURPOSE'
     AND CASE p."earmarkType" WHEN 'PROGRAMME' THEN p."programmeId" ELSE p."projectId" END IS NOT NULL
     AND p."usdMinor" - COALESCE((SELECT sum(r."usdMinor") FROM "reversals" r WHERE r."paymentId" = p.id), 0) > 0
  UNION
  SELECT p."donorId", a."projectId"
    FROM "allocations" a JOIN "payments" p ON p.id = a."paymentId"
   GROUP BY p."donorId", a."projectId"
  HAVING sum(a."usdMinor") > 0;

CREATE VIEW donor_giving_mode_facts AS
  SELECT pl."donorId", (count(*) FILTER (WHERE pl.frequency = 'MONTHLY'))::int AS "runningMonthly",
         (count(*) FILTER (WHERE pl.frequency = 'INSTALMENTS'))::int AS "runningInstalments"
    FROM "pledges" pl
    LEFT JOIN LATERAL (SELECT e.kind FROM "pledge_events" e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1) latest ON true
   WHERE pl.frequency IN ('MONTHLY', 'INSTALMENTS')
     AND (latest.kind IS NULL OR latest.kind NOT IN ('CANCELLED', 'WRITTEN_OFF'))
     AND (pl.frequency = 'INSTALMENTS' OR (
          NOT EXISTS (SELECT 1 FROM "monthly_gift_changes" m WHERE m."pledgeId" = pl.id AND m.kind = 'CANCELLED')
      AND NOT EXISTS (SELECT 1 FROM "checkout_sessions" c WHERE c."pledgeId" = pl.id AND c."subscriptionStatus" IN ('canceled', 'incomplete_expired'))
      AND EXISTS (SELECT 1 FROM "payments" p WHERE p."pledgeId" = pl.id
                     AND p."usdMinor" - COALESCE((SELECT sum(r."usdMinor") FROM "reversals" r WHERE r."paymentId" = p.id), 0) > 0)))
   GROUP BY pl."donorId";

-- One writer per donor at a time, in a fixed order (no deadlock); the sums below are new statements,
-- so under READ COMMITTED they see what a writer that held the lock before us committed. The keys
-- are donor_gift_summaries' (46 per donor, 47 for all): one lock per donor for all its summaries,
-- so a transaction that writes a pledge event and then a payment of one donor cannot deadlock with
-- one that writes them the other way round (advisory locks are re-entrant). A bulk insert
-- (thousands of donors: more locks than the lock table holds) takes the whole lock instead.
CREATE FUNCTION lock_donor_summaries(donor_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(donor_ids) > 1000 THEN
    PERFORM pg_advisory_xact_lock(47, 0);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(47, 0);
    PERFORM pg_advisory_xact_lock(46, hashtext(id::text)) FROM unnest(donor_ids) AS id ORDER BY hashtext(id::text);
  END IF;
END $$;

CREATE FUNCTION refresh_donor_funded_scopes(donor_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(donor_ids) = 0 THEN RETURN; END IF;
  PERFORM lock_donor_summaries(donor_ids);
  DELETE FROM "donor_funded_scopes" WHERE "donorId" = ANY(donor_ids);
  INSERT INTO "donor_funded_scopes" ("donorId", "scopeId") SELECT * FROM donor_funded_scope_facts WHERE "donorId" = ANY(donor_ids);
END $$;

CREATE FUNCTION refresh_donor_giving_modes(donor_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(donor_ids) = 0 THEN RETURN; END IF;
  PERFORM lock_donor_summaries(donor_ids);
  DELETE FROM "donor_giving_modes" WHERE "donorId" = ANY(donor_ids);
  INSERT INTO "donor_giving_modes" ("donorId", "runningMonthly", "runningInstalments")
  SELECT * FROM donor_giving_mode_facts WHERE "donorId" = ANY(donor_ids);
END $$;

-- Payments and reversals change both summaries; allocations the scopes; the rest how a pledge runs.
CREATE FUNCTION payments_refresh_donor_segments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE donor_ids uuid[] := ARRAY(SELECT DISTINCT "donorId" FROM new_payments);
BEGIN
  PERFORM refresh_donor_funded_scopes(donor_ids);
  PERFORM refresh_donor_giving_modes(ARRAY(SELECT DISTINCT pl."donorId" FROM new_payments p JOIN "pledges" pl ON pl.id = p."pledgeId"
                                            WHERE pl.frequency = 'MONTHLY'));
  RETURN NULL;
END $$;

CREATE FUNCTION reversals_refresh_donor_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_donor_funded_scopes(ARRAY(SELECT DISTINCT p."donorId" FROM new_reversals r JOIN "payments" p ON p.id = r."paymentId"));
  PERFORM refresh_donor_giving_modes(ARRAY(SELECT DISTINCT pl."donorId" FROM new_reversals r JOIN "payments" p ON p.id = r."paymentId"
                                            JOIN "pledges" pl ON pl.id = p."pledgeId" WHERE pl.frequency = 'MONTHLY'));
  RETURN NULL;
END $$;

CREATE FUNCTION allocations_refresh_donor_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_donor_funded_scopes(ARRAY(SELECT DISTINCT p."donorId" FROM new_allocations a JOIN "payments" p ON p.id = a."paymentId"));
  RETURN NULL;
END $$;

CREATE FUNCTION pledges_refresh_donor_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_donor_giving_modes(ARRAY(SELECT DISTINCT "donorId" FROM new_pledges WHERE frequency IN ('MONTHLY', 'INSTALMENTS')));
  RETURN NULL;
END $$;

-- pledge_events, monthly_gift_changes and checkout_sessions: rows that name a pledge (new_rows).
CREATE FUNCTION pledge_rows_refresh_donor_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_donor_giving_modes(ARRAY(SELECT DISTINCT pl."donorId" FROM new_rows n JOIN "pledges" pl ON pl.id = n."pledgeId"
                                            WHERE pl.frequency IN ('MONTHLY', 'INSTALMENTS')));
  RETURN NULL;
END $$;

CREATE TRIGGER payments_donor_segments AFTER INSERT ON "payments" REFERENCING NEW TABLE AS new_payments
  FOR EACH STATEMENT EXECUTE FUNCTION payments_refresh_donor_segments();
CREATE TRIGGER reversals_donor_segments AFTER INSERT ON "reversals" REFERENCING NEW TABLE AS new_reversals
  FOR EACH STATEMENT EXECUTE FUNCTION reversals_refresh_donor_segments();
CREATE TRIGGER allocations_donor_segments AFTER INSERT ON "allocations" REFERENCING NEW TABLE AS new_allocations
  FOR EACH STATEMENT EXECUTE FUNCTION allocations_refresh_donor_segments();
CREATE TRIGGER pledges_donor_segments AFTER INSERT ON "pledges" REFERENCING NEW TABLE AS new_pledges
  FOR EACH STATEMENT EXECUTE FUNCTION pledges_refresh_donor_segments();
CREATE TRIGGER pledge_events_donor_segments AFTER INSERT ON "pledge_events" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pledge_rows_refresh_donor_segments();
CREATE TRIGGER monthly_gift_changes_donor_segments AFTER INSERT ON "monthly_gift_changes" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pledge_rows_refresh_donor_segments();
-- A subscription's status is provider state, updated in place (the pledge stays append-only).
CREATE TRIGGER checkout_sessions_insert_donor_segments AFTER INSERT ON "checkout_sessions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pledge_rows_refresh_donor_segments();
CREATE TRIGGER checkout_sessions_update_donor_segments AFTER UPDATE ON "checkout_sessions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pledge_rows_refresh_donor_segments();

INSERT INTO "donor_funded_scopes" ("donorId", "scopeId") SELECT * FROM donor_funded_scope_facts;
INSERT INTO "donor_giving_modes" ("donorId", "runningMonthly", "runningInstalments")
SELECT * FROM donor_giving_mode_facts;
ANALYZE "donor_funded_scopes";
ANALYZE "donor_giving_modes";
