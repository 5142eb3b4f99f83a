-- Issue #13 item 4: the schedule of impact reports. One row per donor and report period (the
-- unique key is what makes a rerun or a crashed run harmless), and one row per run of the
-- fan-out so staff can watch its progress (docs/decisions/035).
CREATE TYPE "ImpactReportStatus" AS ENUM ('QUEUED', 'SKIPPED');
CREATE TYPE "ImpactReportRunTrigger" AS ENUM ('CRON', 'MANUAL', 'COMMAND');

CREATE TABLE "impact_reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "donorId" UUID NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "status" "ImpactReportStatus" NOT NULL,
    "skipReason" TEXT,
    "emailId" UUID,
    "runId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "impact_reports_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "impact_report_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "period" VARCHAR(7) NOT NULL,
    "trigger" "ImpactReportRunTrigger" NOT NULL,
    "staffUserId" UUID,
    "donors" INTEGER NOT NULL DEFAULT 0,
    "queued" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "lastDonorId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "impact_report_runs_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "impact_reports_donorId_period_key" ON "impact_reports"("donorId", "period");
CREATE UNIQUE INDEX "impact_reports_emailId_key" ON "impact_reports"("emailId");
CREATE INDEX "impact_reports_runId_idx" ON "impact_reports"("runId");
CREATE INDEX "impact_report_runs_startedAt_idx" ON "impact_report_runs"("startedAt");

ALTER TABLE "impact_reports" ADD CONSTRAINT "impact_reports_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "impact_reports" ADD CONSTRAINT "impact_reports_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "email_outbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "impact_reports" ADD CONSTRAINT "impact_reports_runId_fkey" FOREIGN KEY ("runId") REFERENCES "impact_report_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "impact_report_runs" ADD CONSTRAINT "impact_report_runs_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
