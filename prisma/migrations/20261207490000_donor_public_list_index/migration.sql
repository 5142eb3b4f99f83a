-- /donors (a page of 100 donors with a page, by name, and their count) at the large ledger's
-- 20,015 such donors read the donors table twice per request (docs/performance.md, "/donors list,
-- paged"). A partial index over exactly the donors with a page, in list order, holding the columns
-- the list shows, answers both from the index. Its predicate is the page-eligibility rule of
-- app/funding/donor-page-queries.server.ts (eligibleSql, with the types as constants so the
-- planner can prove the index applies). Prisma's schema language cannot state a partial index
-- with INCLUDE, so it lives here only; the "_xidx" name keeps it out of the schema comparison
-- (decision 031).
CREATE INDEX "donors_public_list_xidx" ON "donors" ("displayName", "publicSlug") INCLUDE ("id", "type", "countryCode")
  WHERE "publicSlug" IS NOT NULL AND "type" IN ('MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION')
    AND NOT "isAnonymous" AND NOT "isProfilePending" AND "erasedAt" IS NULL;
