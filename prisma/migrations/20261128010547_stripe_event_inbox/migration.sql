-- CreateTable
CREATE TABLE "stripe_event_inbox" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "stripe_event_inbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stripe_event_inbox_shard_availableAt_idx" ON "stripe_event_inbox"("shard", "availableAt");
