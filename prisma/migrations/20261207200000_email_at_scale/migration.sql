-- Issue #13 item 5, email at scale (docs/decisions/036): outbox rows claimed into provider batches
-- (batchId: a retry resends the same rows under the same idempotency key), why a row was skipped,
-- what the provider last reported, every Resend webhook event once (by svix-id), and the
-- addresses never sent to again.
-- CreateEnum
CREATE TYPE "EmailSkipReason" AS ENUM ('NO_CONSENT', 'SUPPRESSED');

-- CreateEnum
CREATE TYPE "EmailDeliveryOutcome" AS ENUM ('DELIVERED', 'BOUNCED', 'COMPLAINED');

-- CreateEnum
CREATE TYPE "EmailSuppressionReason" AS ENUM ('HARD_BOUNCE', 'COMPLAINT');

-- AlterTable
ALTER TABLE "email_outbox" ADD COLUMN     "batchId" UUID,
ADD COLUMN     "deliveryOutcome" "EmailDeliveryOutcome",
ADD COLUMN     "skipReason" "EmailSkipReason";

-- CreateTable
CREATE TABLE "email_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "providerMessageId" TEXT,
    "emailId" UUID,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3),
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_suppressions" (
    "address" TEXT NOT NULL,
    "reason" "EmailSuppressionReason" NOT NULL,
    "eventId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_suppressions_pkey" PRIMARY KEY ("address")
);

-- CreateIndex
CREATE INDEX "email_events_emailId_idx" ON "email_events"("emailId");

-- CreateIndex
CREATE INDEX "email_outbox_batchId_idx" ON "email_outbox"("batchId");

-- CreateIndex
CREATE INDEX "email_outbox_providerMessageId_idx" ON "email_outbox"("providerMessageId");

-- AddForeignKey
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "email_outbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;
