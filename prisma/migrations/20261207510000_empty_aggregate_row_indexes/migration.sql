-- Every scoped summary refresh ends by deleting the aggregate rows that netted to zero
-- (summary-commands.server.ts, dropEmpty). Without an index that DELETE read the whole table
-- each time: 13, 26 and 22 ms for project_donor_groups, programme_donor_allocations and
-- donor_year_contributions at the large ledger, in every writer's transaction. These partial
-- indexes hold only the rows that are zero (normally none), so the DELETE reads an empty index.
-- Prisma's schema cannot express a partial index, so they live here only, named "_xidx"
-- (decision 031).
CREATE INDEX "programme_donor_allocations_empty_xidx" ON "programme_donor_allocations" ("programmeId") WHERE "allocatedUsdMinor" = 0;
CREATE INDEX "project_donor_groups_empty_xidx" ON "project_donor_groups" ("projectId") WHERE "allocatedUsdMinor" = 0;
CREATE INDEX "country_donor_years_empty_xidx" ON "country_donor_years" ("countryCode") WHERE "allocatedUsdMinor" = 0;
CREATE INDEX "country_donor_bounds_empty_xidx" ON "country_donor_bounds" ("countryCode") WHERE "boundUsdMinor" = 0;
CREATE INDEX "donor_year_contributions_empty_xidx" ON "donor_year_contributions" ("year") WHERE "facts" = 0;
