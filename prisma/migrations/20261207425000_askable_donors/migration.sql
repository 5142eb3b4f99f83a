-- The donors an appeal may ask, as a summary (issue #15; docs/decisions/055): every segment count
-- starts from them, so a count no longer rebuilds the base on every call (the consent log's latest
-- word, suppressions, erasure: ~80,000 of 100,000 donors hashed each time, 200+ ms on this machine).
-- A donor is askable when not erased, with an address that is not suppressed, whose profile a
-- payment confirmed (decision 022), and whose latest word on APPEALS in the consent log is a grant
-- (decision 046). The row copies what segments filter on: type, language, country.
-- Kept as decision 051's summaries are: statement-level triggers on what decides it (donors
-- inserted, updated or deleted, consent entries, suppressions added or removed) refresh the donors touched
-- from the rules (askable_donor_facts), under the same per-donor advisory locks. The ledger check
-- compares the table with the rules stated again in its own SQL.

-- CreateTable
CREATE TABLE "askable_donors" (
    "donorId" UUID NOT NULL,
    "type" "DonorType" NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "countryCode" CHAR(2),

    CONSTRAINT "askable_donors_pkey" PRIMARY KEY ("donorId")
);

CREATE VIEW askable_donor_facts AS
  SELECT d.id AS "donorId", d.type, d.locale, d."countryCode"
    FROM "donors" d
   WHERE d."erasedAt" IS NULL AND d.email IS NOT NULL AND NOT d."isProfilePending"
     AND NOT EXISTS (SELECT 1 FROM "email_suppressions" s WHERE s.address = d.email)
     AND EXISTS (SELECT 1 FROM "donor_consents" c WHERE c."donorId" = d.id AND c.kind = 'APPEALS' AND c."isGranted"
                    AND NOT EXISTS (SELECT 1 FROM "donor_consents" l WHERE l."donorId" = c."donorId" AND l.kind = c.kind
                                       AND (l."recordedAt", l.id) > (c."recordedAt", c.id)));

CREATE FUNCTION refresh_askable_donors(donor_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(donor_ids) = 0 THEN RETURN; END IF;
  PERFORM lock_donor_summaries(donor_ids);
  DELETE FROM "askable_donors" WHERE "donorId" IN (SELECT unnest(donor_ids));
  INSERT INTO "askable_donors" ("donorId", "type", "locale", "countryCode")
  SELECT * FROM askable_donor_facts WHERE "donorId" IN (SELECT unnest(donor_ids));
END $$;

CREATE FUNCTION donors_refresh_askable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_askable_donors(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION donor_consents_refresh_askable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_askable_donors(ARRAY(SELECT DISTINCT "donorId" FROM new_rows WHERE kind = 'APPEALS'));
  RETURN NULL;
END $$;

CREATE FUNCTION email_suppressions_refresh_askable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_askable_donors(ARRAY(SELECT d.id FROM "donors" d WHERE d.email IN (SELECT address FROM changed_rows)));
  RETURN NULL;
END $$;

CREATE TRIGGER donors_insert_askable AFTER INSERT ON "donors" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donors_refresh_askable();
CREATE TRIGGER donors_update_askable AFTER UPDATE ON "donors" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donors_refresh_askable();
CREATE TRIGGER donors_delete_askable AFTER DELETE ON "donors" REFERENCING OLD TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donors_refresh_askable();
CREATE TRIGGER donor_consents_delete_askable AFTER DELETE ON "donor_consents" REFERENCING OLD TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donor_consents_refresh_askable();
CREATE TRIGGER donor_consents_askable AFTER INSERT ON "donor_consents" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donor_consents_refresh_askable();
CREATE TRIGGER email_suppressions_insert_askable AFTER INSERT ON "email_suppressions" REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION email_suppressions_refresh_askable();
CREATE TRIGGER email_suppressions_delete_askable AFTER DELETE ON "email_suppressions" REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION email_suppressions_refresh_askable();

INSERT INTO "askable_donors" ("donorId", "type", "locale", "countryCode") SELECT * FROM askable_donor_facts;
ANALYZE "askable_donors";
