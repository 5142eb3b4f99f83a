-- Staff donor search (app/finance/donors/donor-queries.server.ts) at 1M ledger rows: the pledge
-- reference is compared case-insensitively and names and emails are matched as '%text%', which
-- read every pledge and every donor (0.25–0.5 s each on a loaded machine; docs/performance.md,
-- 2026-12-07). An expression index answers the reference, trigram indexes the ILIKE patterns of
-- three characters or more. Prisma's schema cannot state either: they live here only.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "pledges_reference_upper_idx" ON "pledges" (upper("reference"));

CREATE INDEX "donors_displayName_trgm_idx" ON "donors" USING gin ("displayName" gin_trgm_ops);
CREATE INDEX "donors_email_trgm_idx" ON "donors" USING gin ("email" gin_trgm_ops);
CREATE INDEX "donors_organisationName_trgm_idx" ON "donors" USING gin ("organisationName" gin_trgm_ops);
CREATE INDEX "donors_fullName_trgm_idx" ON "donors" USING gin (("givenName" || ' ' || "familyName") gin_trgm_ops);
