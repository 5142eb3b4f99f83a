-- CreateTable
CREATE TABLE "country_donor_years" (
    "countryCode" CHAR(2) NOT NULL,
    "donorKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "donorType" "DonorType" NOT NULL,
    "allocatedUsdMinor" BIGINT NOT NULL,

    CONSTRAINT "country_donor_years_pkey" PRIMARY KEY ("countryCode","donorKey","year")
);

-- CreateTable
CREATE TABLE "country_donor_bounds" (
    "countryCode" CHAR(2) NOT NULL,
    "donorKey" TEXT NOT NULL,
    "boundUsdMinor" BIGINT NOT NULL,

    CONSTRAINT "country_donor_bounds_pkey" PRIMARY KEY ("countryCode","donorKey")
);

-- CreateIndex
CREATE INDEX "country_donor_years_countryCode_year_donorType_allocatedUsd_idx" ON "country_donor_years"("countryCode", "year", "donorType", "allocatedUsdMinor");

-- CreateIndex
CREATE INDEX "country_donor_bounds_countryCode_boundUsdMinor_donorKey_idx" ON "country_donor_bounds"("countryCode", "boundUsdMinor" DESC, "donorKey");

-- Fill both from donor_allocation_summaries (decision 062), with the place key of
-- project_donor_groups; the writers and the nightly rebuild keep them from here on, and the
-- ledger check compares them with the facts.
INSERT INTO "country_donor_years" ("countryCode", "donorKey", "year", "donorType", "allocatedUsdMinor")
SELECT p."countryCode",
       CASE WHEN s."isAnonymous" THEN 'anonymous:' || s."donorType"::text
            WHEN s."donorType"::text IN ('INDIVIDUAL', 'OTHER') THEN 'people:' || s."donorType"::text
            ELSE s."donorId"::text END,
       s."year", s."donorType", SUM(s."allocatedUsdMinor")::bigint
FROM "donor_allocation_summaries" s JOIN "projects" p ON p."id" = s."projectId"
WHERE p."countryCode" IS NOT NULL
GROUP BY p."countryCode", 2, s."year", s."donorType"
HAVING SUM(s."allocatedUsdMinor") <> 0;

INSERT INTO "country_donor_bounds" ("countryCode", "donorKey", "boundUsdMinor")
SELECT p."countryCode",
       CASE WHEN s."isAnonymous" THEN 'anonymous:' || s."donorType"::text
            WHEN s."donorType"::text IN ('INDIVIDUAL', 'OTHER') THEN 'people:' || s."donorType"::text
            ELSE s."donorId"::text END,
       SUM(GREATEST(s."allocatedUsdMinor", 0))::bigint
FROM "donor_allocation_summaries" s JOIN "projects" p ON p."id" = s."projectId"
WHERE p."countryCode" IS NOT NULL
GROUP BY p."countryCode", 2
HAVING SUM(GREATEST(s."allocatedUsdMinor", 0)) <> 0;
