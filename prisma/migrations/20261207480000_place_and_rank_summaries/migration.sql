-- CreateTable
CREATE TABLE "project_donor_groups" (
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "donorKey" TEXT NOT NULL,
    "donorId" UUID,
    "donorType" "DonorType" NOT NULL,
    "allocatedUsdMinor" BIGINT NOT NULL,

    CONSTRAINT "project_donor_groups_pkey" PRIMARY KEY ("projectId","year","donorKey")
);

-- CreateTable
CREATE TABLE "donor_year_contributions" (
    "year" INTEGER NOT NULL,
    "donorKey" TEXT NOT NULL,
    "paidUsdMinor" BIGINT NOT NULL,
    "facts" INTEGER NOT NULL,

    CONSTRAINT "donor_year_contributions_pkey" PRIMARY KEY ("year","donorKey")
);

-- CreateIndex
CREATE INDEX "project_donor_groups_projectId_year_donorKey_donorId_donorT_idx" ON "project_donor_groups"("projectId", "year", "donorKey", "donorId", "donorType", "allocatedUsdMinor");

-- CreateIndex
CREATE INDEX "donor_year_contributions_year_paidUsdMinor_idx" ON "donor_year_contributions"("year", "paidUsdMinor");

-- Fill both from the summaries they aggregate (decision 059); the writers and the nightly
-- rebuild keep them from here on, and the ledger check compares them with the facts.
INSERT INTO "project_donor_groups" ("projectId", "year", "donorKey", "donorId", "donorType", "allocatedUsdMinor")
SELECT s."projectId", s."year",
       CASE WHEN s."isAnonymous" THEN 'anonymous:' || s."donorType"::text
            WHEN s."donorType"::text IN ('INDIVIDUAL', 'OTHER') THEN 'people:' || s."donorType"::text
            ELSE s."donorId"::text END,
       CASE WHEN s."isAnonymous" OR s."donorType"::text IN ('INDIVIDUAL', 'OTHER') THEN NULL ELSE s."donorId" END,
       s."donorType", SUM(s."allocatedUsdMinor")::bigint
FROM "donor_allocation_summaries" s
GROUP BY s."projectId", s."year", 3, 4, s."donorType"
HAVING SUM(s."allocatedUsdMinor") <> 0;

INSERT INTO "donor_year_contributions" ("year", "donorKey", "paidUsdMinor", "facts")
SELECT f."year", CASE WHEN f."isAnonymous" THEN 'anonymous:' || f."donorType"::text ELSE f."donorId"::text END,
       SUM(f."paidUsdMinor")::bigint, SUM(f."facts")::int
FROM "donor_contribution_summaries" f
GROUP BY 1, 2;
