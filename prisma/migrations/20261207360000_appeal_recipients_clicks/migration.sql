-- Issue #15 items 3–6: what the send, the A/B subject test, the tracked links and the results page
-- share. A recipient row may carry the subject variant it was sent (null: no test); a click is a
-- row per followed tracked link; a pledge made from a tracked link names the recipient, so gifts
-- count per recipient and per variant. Facts here are appended, never changed.

-- AlterTable
ALTER TABLE "appeal_recipients" ADD COLUMN "variant" SMALLINT;

-- AlterTable
ALTER TABLE "pledges" ADD COLUMN "appealRecipientId" UUID;

-- CreateTable
CREATE TABLE "appeal_clicks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "appealId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "clickedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeal_clicks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "appeal_clicks_appealId_clickedAt_idx" ON "appeal_clicks"("appealId", "clickedAt");

-- CreateIndex
CREATE INDEX "appeal_clicks_recipientId_idx" ON "appeal_clicks"("recipientId");

-- CreateIndex
CREATE INDEX "pledges_appealRecipientId_idx" ON "pledges"("appealRecipientId");

-- AddForeignKey
ALTER TABLE "appeal_clicks" ADD CONSTRAINT "appeal_clicks_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "appeals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal_clicks" ADD CONSTRAINT "appeal_clicks_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "appeal_recipients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_appealRecipientId_fkey" FOREIGN KEY ("appealRecipientId") REFERENCES "appeal_recipients"("id") ON DELETE SET NULL ON UPDATE CASCADE;
