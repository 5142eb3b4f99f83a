-- The send-email job's claim (app/platform/email/outbox-batch-commands.server.ts) takes the next
-- 100 PENDING rows not yet in a batch, transactional mail first, oldest first. Without an index in
-- that order every claim read and sorted every waiting row: 337 ms a batch with 77,000 impact
-- reports waiting (on disk, external merge), one batch every half second — the quarter's send was
-- quadratic in its size. This partial index holds only the unclaimed rows, in claim order, so a
-- claim reads its 100 (1.8 ms at 77,000 waiting). Prisma's schema language cannot state an
-- expression or a partial index, so it lives here only, named "_xidx" (decision 031).
CREATE INDEX "email_outbox_claim_xidx" ON "email_outbox" (("consentKind" IS NOT NULL), "createdAt", "id")
  WHERE "status" = 'PENDING' AND "batchId" IS NULL;
