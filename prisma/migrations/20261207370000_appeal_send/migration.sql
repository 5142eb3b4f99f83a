-- Issue #15 items 3 and 4 (docs/decisions/049): sending an appeal now or at a time, through the
-- outbox, with progress and cancel; and the A/B subject test on a sample. The appeal row carries
-- its send state: when it was scheduled, the fan-out's cursor, the figures pinned when the send
-- began (every email of the send renders the same figures, so a resumed batch is byte-identical),
-- and the subject variants with the test's settings and winner.

-- AlterEnum
ALTER TYPE "AppealStatus" ADD VALUE 'CANCELLED';

-- AlterEnum
ALTER TYPE "EmailSkipReason" ADD VALUE 'CANCELLED';

-- CreateEnum
CREATE TYPE "AppealTestMetric" AS ENUM ('CLICKS', 'GIFTS');

-- AlterTable
ALTER TABLE "appeals" ADD COLUMN "scheduledAt" TIMESTAMPTZ(3),
ADD COLUMN "sendBlocks" JSONB,
ADD COLUMN "sendCursor" UUID,
ADD COLUMN "recipientsExpected" INTEGER,
ADD COLUMN "sendError" TEXT,
ADD COLUMN "cancelledAt" TIMESTAMPTZ(3),
ADD COLUMN "subjectVariants" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "testSamplePercent" SMALLINT,
ADD COLUMN "testMetric" "AppealTestMetric",
ADD COLUMN "testWaitMinutes" INTEGER,
ADD COLUMN "testSampledAt" TIMESTAMPTZ(3),
ADD COLUMN "testWinner" SMALLINT,
ADD COLUMN "testDecidedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "appeal_recipients_emailId_idx" ON "appeal_recipients"("emailId");

-- The drain's "is a batch unfinished?" lookup (decision 036) read the (status, createdAt) index
-- and skipped every unclaimed PENDING row: with 100,000 appeal emails queued, ~0.4 s per batch.
-- Only rows claimed and not yet sent are in this one (Prisma cannot state a partial index).
CREATE INDEX "email_outbox_resume_xidx" ON "email_outbox" ("createdAt") WHERE "status" = 'PENDING' AND "batchId" IS NOT NULL;
