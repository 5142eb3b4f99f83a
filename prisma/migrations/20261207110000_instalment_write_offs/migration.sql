-- Staff write-offs of what one instalment still owed (docs/decisions/030).

-- CreateTable
CREATE TABLE "instalment_write_offs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instalmentId" UUID NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestKey" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instalment_write_offs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "instalment_write_offs_instalmentId_key" ON "instalment_write_offs"("instalmentId");

-- CreateIndex
CREATE UNIQUE INDEX "instalment_write_offs_requestKey_key" ON "instalment_write_offs"("requestKey");

-- AddForeignKey
ALTER TABLE "instalment_write_offs" ADD CONSTRAINT "instalment_write_offs_instalmentId_fkey" FOREIGN KEY ("instalmentId") REFERENCES "pledge_instalments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instalment_write_offs" ADD CONSTRAINT "instalment_write_offs_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A write-off is a money fact: append-only (decision 004).
CREATE TRIGGER instalment_write_offs_append_only BEFORE UPDATE OR DELETE ON "instalment_write_offs"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();

-- One-row rules (decision 017's naming): something was owed; a reason is given.
ALTER TABLE "instalment_write_offs" ADD CONSTRAINT "instalment_write_offs_amount_positive" CHECK ("amountMinor" > 0);
ALTER TABLE "instalment_write_offs" ADD CONSTRAINT "instalment_write_offs_reason_given" CHECK (length(btrim("reason")) > 0);
