-- Institutional pledges recorded by finance (docs/decisions/029): the reference of the pledge's
-- document (note verbale, agreement number) and the key of the staff form that recorded it, so a
-- double submit records one pledge. Pledges are append-only: both are written at insert only.
-- AlterTable
ALTER TABLE "pledges" ADD COLUMN     "documentReference" TEXT,
ADD COLUMN     "requestKey" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "pledges_requestKey_key" ON "pledges"("requestKey");
