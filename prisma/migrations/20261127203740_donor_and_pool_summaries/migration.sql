-- CreateEnum
CREATE TYPE "MoneyPool" AS ENUM ('GENERAL_PURPOSE', 'PROGRAMME', 'PROJECT', 'REGULAR_BUDGET');

-- CreateTable
CREATE TABLE "open_instalments" (
    "instalmentId" UUID NOT NULL,
    "pledgeId" UUID NOT NULL,
    "earmarkType" "EarmarkType" NOT NULL,
    "programmeId" UUID,
    "projectId" UUID,
    "year" INTEGER NOT NULL,
    "openUsdMinor" BIGINT NOT NULL,

    CONSTRAINT "open_instalments_pkey" PRIMARY KEY ("instalmentId")
);

-- CreateTable
CREATE TABLE "unallocated_balances" (
    "originId" UUID NOT NULL,
    "pool" "MoneyPool" NOT NULL,
    "programmeId" UUID,
    "projectId" UUID,
    "usdMinor" BIGINT NOT NULL,

    CONSTRAINT "unallocated_balances_pkey" PRIMARY KEY ("originId")
);

-- CreateTable
CREATE TABLE "donor_allocation_summaries" (
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "donorId" UUID NOT NULL,
    "isAnonymous" BOOLEAN NOT NULL,
    "donorType" "DonorType" NOT NULL,
    "allocatedUsdMinor" BIGINT NOT NULL,

    CONSTRAINT "donor_allocation_summaries_pkey" PRIMARY KEY ("projectId","year","donorId","isAnonymous")
);

-- CreateTable
CREATE TABLE "programme_donor_allocations" (
    "programmeId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "donorKey" TEXT NOT NULL,
    "donorId" UUID,
    "donorType" "DonorType" NOT NULL,
    "allocatedUsdMinor" BIGINT NOT NULL,

    CONSTRAINT "programme_donor_allocations_pkey" PRIMARY KEY ("programmeId","year","donorKey")
);

-- CreateTable
CREATE TABLE "donor_contribution_summaries" (
    "donorId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "isAnonymous" BOOLEAN NOT NULL,
    "earmarkType" "EarmarkType" NOT NULL,
    "scopeId" UUID NOT NULL,
    "donorType" "DonorType" NOT NULL,
    "pledgedUsdMinor" BIGINT NOT NULL,
    "paidUsdMinor" BIGINT NOT NULL,
    "generalPurposeUsdMinor" BIGINT NOT NULL,
    "facts" INTEGER NOT NULL,

    CONSTRAINT "donor_contribution_summaries_pkey" PRIMARY KEY ("donorId","year","isAnonymous","earmarkType","scopeId")
);

-- CreateTable
CREATE TABLE "contribution_year_totals" (
    "year" INTEGER NOT NULL,
    "donorType" "DonorType" NOT NULL,
    "isAnonymous" BOOLEAN NOT NULL,
    "pledgedUsdMinor" BIGINT NOT NULL,
    "paidUsdMinor" BIGINT NOT NULL,
    "generalPurposeUsdMinor" BIGINT NOT NULL,
    "facts" INTEGER NOT NULL,

    CONSTRAINT "contribution_year_totals_pkey" PRIMARY KEY ("year","donorType","isAnonymous")
);

-- CreateTable
CREATE TABLE "donor_contribution_totals" (
    "donorKey" TEXT NOT NULL,
    "donorId" UUID,
    "donorType" "DonorType" NOT NULL,
    "pledgedUsdMinor" BIGINT NOT NULL,
    "paidUsdMinor" BIGINT NOT NULL,
    "years" INTEGER[],

    CONSTRAINT "donor_contribution_totals_pkey" PRIMARY KEY ("donorKey")
);

-- CreateTable
CREATE TABLE "donor_year_counts" (
    "donorType" "DonorType" NOT NULL,
    "year" INTEGER NOT NULL,
    "previousYear" INTEGER NOT NULL,
    "donors" INTEGER NOT NULL,

    CONSTRAINT "donor_year_counts_pkey" PRIMARY KEY ("donorType","year","previousYear")
);

-- CreateIndex
CREATE INDEX "open_instalments_pledgeId_idx" ON "open_instalments"("pledgeId");

-- CreateIndex
CREATE INDEX "open_instalments_earmarkType_year_idx" ON "open_instalments"("earmarkType", "year");

-- CreateIndex
CREATE INDEX "open_instalments_projectId_year_idx" ON "open_instalments"("projectId", "year");

-- CreateIndex
CREATE INDEX "unallocated_balances_pool_programmeId_idx" ON "unallocated_balances"("pool", "programmeId");

-- CreateIndex
CREATE INDEX "unallocated_balances_projectId_idx" ON "unallocated_balances"("projectId");

-- CreateIndex
CREATE INDEX "donor_allocation_summaries_donorId_idx" ON "donor_allocation_summaries"("donorId");

-- CreateIndex
CREATE INDEX "programme_donor_allocations_programmeId_year_allocatedUsdMi_idx" ON "programme_donor_allocations"("programmeId", "year", "allocatedUsdMinor" DESC);

-- CreateIndex
CREATE INDEX "donor_contribution_summaries_scopeId_year_idx" ON "donor_contribution_summaries"("scopeId", "year");

-- CreateIndex
CREATE INDEX "donor_contribution_totals_paidUsdMinor_donorId_donorType_idx" ON "donor_contribution_totals"("paidUsdMinor" DESC, "donorId", "donorType");

-- CreateIndex
CREATE INDEX "donor_contribution_totals_pledgedUsdMinor_donorId_donorType_idx" ON "donor_contribution_totals"("pledgedUsdMinor" DESC, "donorId", "donorType");

-- CreateIndex
CREATE INDEX "donor_contribution_totals_donorType_paidUsdMinor_donorId_idx" ON "donor_contribution_totals"("donorType", "paidUsdMinor" DESC, "donorId");

-- CreateIndex
CREATE INDEX "donor_contribution_totals_donorType_pledgedUsdMinor_donorId_idx" ON "donor_contribution_totals"("donorType", "pledgedUsdMinor" DESC, "donorId");

-- CreateIndex
CREATE INDEX "allocations_projectId_year_source_usdMinor_idx" ON "allocations"("projectId", "year", "source", "usdMinor");
