-- Issue #13: how often a donor wants impact reports (chosen on the signed preferences page;
-- quarterly by default), and which consent an outbox email needs at send time (null for
-- transactional mail such as receipts, which ignores consent).
CREATE TYPE "ImpactReportFrequency" AS ENUM ('QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'NONE');
ALTER TABLE "donors" ADD COLUMN "impactReportFrequency" "ImpactReportFrequency" NOT NULL DEFAULT 'QUARTERLY';
ALTER TABLE "email_outbox" ADD COLUMN "consentKind" "ConsentKind";
-- A marketing email whose donor no longer consents when its turn comes is kept, marked SKIPPED.
ALTER TYPE "EmailStatus" ADD VALUE 'SKIPPED';
