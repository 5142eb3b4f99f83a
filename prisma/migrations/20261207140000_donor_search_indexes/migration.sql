-- Staff donor search (app/finance/donors/donor-queries.server.ts) at 1M ledger rows: the pledge
-- reference is compared case-insensitively and names and emails are matched as '%text%', which
-- read every pledge and every donor (about 120 ms a search on a quiet machine; docs/performance.md,
-- 2026-12-07). An expression index answers the reference, trigram indexes the ILIKE patterns of
-- three characters or more. Prisma's schema language cannot state either, so they live here only;
-- their names end in "_xidx", which the schema comparison test leaves out (decision 031).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "pledges_reference_upper_xidx" ON "pledges" (upper("reference"));

CREATE INDEX "donors_displayName_trgm_xidx" ON "donors" USING gin ("displayName" gin_trgm_ops);
CREATE INDEX "donors_email_trgm_xidx" ON "donors" USING gin ("email" gin_trgm_ops);
CREATE INDEX "donors_organisationName_trgm_xidx" ON "donors" USING gin ("organisationName" gin_trgm_ops);
CREATE INDEX "donors_fullName_trgm_xidx" ON "donors" USING gin (("givenName" || ' ' || "familyName") gin_trgm_ops);
