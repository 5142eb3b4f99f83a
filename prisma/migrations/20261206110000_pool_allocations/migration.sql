-- Staff decisions that move pool money to a project and year (docs/decisions/025): one row per
-- decision, and the allocation rows it wrote name it.

-- CreateTable
CREATE TABLE "pool_allocations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pool" "MoneyPool" NOT NULL,
    "programmeId" UUID,
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "usdMinor" BIGINT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pool_allocations_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "allocations" ADD COLUMN "poolAllocationId" UUID;

-- CreateIndex
CREATE INDEX "pool_allocations_projectId_year_idx" ON "pool_allocations"("projectId", "year");

-- CreateIndex
CREATE INDEX "pool_allocations_createdAt_idx" ON "pool_allocations"("createdAt");

-- CreateIndex
CREATE INDEX "allocations_poolAllocationId_idx" ON "allocations"("poolAllocationId");

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_poolAllocationId_fkey" FOREIGN KEY ("poolAllocationId") REFERENCES "pool_allocations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pool_allocations" ADD CONSTRAINT "pool_allocations_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pool_allocations" ADD CONSTRAINT "pool_allocations_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pool_allocations" ADD CONSTRAINT "pool_allocations_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A decision is a money fact: append-only like the allocations it wrote (decision 004).
CREATE TRIGGER pool_allocations_append_only BEFORE UPDATE OR DELETE ON "pool_allocations"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();

-- One-row rules (decision 017's naming): a positive amount; only pools staff allocate from, a
-- programme exactly for the programme-level pools.
ALTER TABLE "pool_allocations" ADD CONSTRAINT "pool_allocations_amount_positive" CHECK ("usdMinor" > 0);
ALTER TABLE "pool_allocations" ADD CONSTRAINT "pool_allocations_pool_has_programme"
  CHECK ("pool" <> 'PROJECT' AND (("pool" = 'GENERAL_PURPOSE') = ("programmeId" IS NULL)));
