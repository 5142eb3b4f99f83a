-- Changes a donor makes to a monthly gift, recorded from Stripe's webhooks (docs/decisions/043).

-- CreateEnum
CREATE TYPE "MonthlyGiftChangeKind" AS ENUM ('AMOUNT_CHANGED', 'PAUSED', 'RESUMED', 'CANCELLED');

-- CreateTable
CREATE TABLE "monthly_gift_changes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pledgeId" UUID NOT NULL,
    "kind" "MonthlyGiftChangeKind" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "stripeEventId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monthly_gift_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "monthly_gift_changes_stripeEventId_kind_key" ON "monthly_gift_changes"("stripeEventId", "kind");

-- CreateIndex
CREATE INDEX "monthly_gift_changes_pledgeId_at_idx" ON "monthly_gift_changes"("pledgeId", "at");

-- AddForeignKey
ALTER TABLE "monthly_gift_changes" ADD CONSTRAINT "monthly_gift_changes_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "pledges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A fact: append-only (decision 004).
CREATE TRIGGER monthly_gift_changes_append_only BEFORE UPDATE OR DELETE ON "monthly_gift_changes"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();

ALTER TABLE "monthly_gift_changes" ADD CONSTRAINT "monthly_gift_changes_amount_positive" CHECK ("amountMinor" > 0);
