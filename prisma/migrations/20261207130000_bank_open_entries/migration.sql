-- Bank credits with something still open (gross less its matches), kept as they change, so the
-- review list and the staff home's card read a few hundred rows instead of summing every match
-- of every credit ever imported (2–3 s at 114,000 credits; docs/performance.md, 2026-12-07).
-- Entries and matches are append-only facts, so two insert triggers keep it exact: a new credit
-- opens with its gross, each match takes its amount off, and a credit settled in full leaves.
CREATE TABLE "bank_open_entries" (
    "entryId" UUID NOT NULL,
    "openMinor" BIGINT NOT NULL,

    CONSTRAINT "bank_open_entries_pkey" PRIMARY KEY ("entryId")
);

ALTER TABLE "bank_open_entries" ADD CONSTRAINT "bank_open_entries_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "bank_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

INSERT INTO "bank_open_entries" ("entryId", "openMinor")
SELECT e.id, e."grossMinor" - COALESCE(m.matched, 0)
FROM "bank_entries" e
LEFT JOIN (SELECT "entryId", SUM("amountMinor")::bigint AS matched FROM "bank_matches" GROUP BY "entryId") m ON m."entryId" = e.id
WHERE e."grossMinor" > COALESCE(m.matched, 0);

CREATE FUNCTION bank_entry_opens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."grossMinor" > 0 THEN
    INSERT INTO "bank_open_entries" ("entryId", "openMinor") VALUES (NEW.id, NEW."grossMinor");
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION bank_match_settles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "bank_open_entries" SET "openMinor" = "openMinor" - NEW."amountMinor" WHERE "entryId" = NEW."entryId";
  DELETE FROM "bank_open_entries" WHERE "entryId" = NEW."entryId" AND "openMinor" <= 0;
  RETURN NULL;
END $$;

CREATE TRIGGER bank_entries_open AFTER INSERT ON "bank_entries" FOR EACH ROW EXECUTE FUNCTION bank_entry_opens();
CREATE TRIGGER bank_matches_settle AFTER INSERT ON "bank_matches" FOR EACH ROW EXECUTE FUNCTION bank_match_settles();
ANALYZE "bank_open_entries";
