-- Undoing a wrong bank match (issue #12 item 5): nothing is edited. The payment the match recorded
-- is reversed (a CORRECTION reversal, by the ledger) and an UNMATCHED match with the negative
-- amount reopens that much on the credit, naming the match it undoes (unique: once per match).
-- The recent-matches list on the review page reads matches newest first: (createdAt, id), as one
-- import's automatic matches share a createdAt and would otherwise be sorted in full.

-- AlterEnum
ALTER TYPE "BankMatchKind" ADD VALUE 'UNMATCHED';

-- AlterTable
ALTER TABLE "bank_matches" ADD COLUMN     "undoesMatchId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "bank_matches_undoesMatchId_key" ON "bank_matches"("undoesMatchId");

-- CreateIndex
CREATE INDEX "bank_matches_createdAt_id_idx" ON "bank_matches"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "bank_matches" ADD CONSTRAINT "bank_matches_undoesMatchId_fkey" FOREIGN KEY ("undoesMatchId") REFERENCES "bank_matches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A negative match reopens the credit: bank_open_entries gains the row again, or more on it.
CREATE OR REPLACE FUNCTION bank_match_settles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "bank_open_entries" ("entryId", "openMinor") VALUES (NEW."entryId", -NEW."amountMinor")
  ON CONFLICT ("entryId") DO UPDATE SET "openMinor" = "bank_open_entries"."openMinor" - NEW."amountMinor";
  DELETE FROM "bank_open_entries" WHERE "entryId" = NEW."entryId" AND "openMinor" <= 0;
  RETURN NULL;
END $$;
