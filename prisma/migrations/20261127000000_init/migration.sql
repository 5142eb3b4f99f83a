-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('PIPELINE', 'IMPLEMENTATION', 'FINALISATION', 'CLOSED', 'CANCELLED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "DonorType" AS ENUM ('INDIVIDUAL', 'COMPANY', 'FOUNDATION', 'MEMBER_STATE', 'INTERGOVERNMENTAL', 'OTHER');

-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('IMPACT_REPORTS', 'APPEALS');

-- CreateEnum
CREATE TYPE "PledgeFrequency" AS ENUM ('ONCE', 'MONTHLY', 'INSTALMENTS');

-- CreateEnum
CREATE TYPE "EarmarkType" AS ENUM ('GENERAL_PURPOSE', 'PROGRAMME', 'PROJECT');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('CARD', 'BANK_TRANSFER', 'DIRECT_DEBIT', 'OTHER');

-- CreateEnum
CREATE TYPE "PledgeEventKind" AS ENUM ('CANCELLED', 'WRITTEN_OFF', 'REINSTATED');

-- CreateEnum
CREATE TYPE "PaymentProvider" AS ENUM ('STRIPE', 'BANK', 'MANUAL');

-- CreateEnum
CREATE TYPE "ReversalKind" AS ENUM ('REFUND', 'DISPUTE_LOST', 'DISPUTE_WON', 'CORRECTION');

-- CreateEnum
CREATE TYPE "FundingSource" AS ENUM ('REGULAR_BUDGET', 'GENERAL_PURPOSE', 'EARMARKED');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CLOSED');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('ADMIN', 'RESOURCE_MOBILIZATION', 'PROGRAMME_OFFICER', 'FINANCE');

-- CreateTable
CREATE TABLE "programmes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" JSONB NOT NULL,
    "mandate" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "programmes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "programmeId" UUID NOT NULL,
    "title" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "countryCode" CHAR(2),
    "regionCode" TEXT NOT NULL,
    "sectorCode" VARCHAR(5) NOT NULL,
    "status" "ProjectStatus" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_requirements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "usdMinor" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_requirements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "regular_budget_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "usdMinor" BIGINT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "regular_budget_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "donors" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" "DonorType" NOT NULL,
    "email" TEXT,
    "displayName" TEXT NOT NULL,
    "givenName" TEXT,
    "familyName" TEXT,
    "organisationName" TEXT,
    "organisationId" TEXT,
    "countryCode" CHAR(2),
    "locale" VARCHAR(5) NOT NULL DEFAULT 'en',
    "isAnonymous" BOOLEAN NOT NULL DEFAULT false,
    "stripeCustomerId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "donors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "donor_consents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "donorId" UUID NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "isGranted" BOOLEAN NOT NULL,
    "wording" TEXT NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "source" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "donor_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pledges" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "donorId" UUID NOT NULL,
    "frequency" "PledgeFrequency" NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "usdRate" DECIMAL(24,12) NOT NULL,
    "earmarkType" "EarmarkType" NOT NULL,
    "programmeId" UUID,
    "projectId" UUID,
    "appealId" UUID,
    "isAnonymous" BOOLEAN NOT NULL DEFAULT false,
    "dedication" TEXT,
    "coversFee" BOOLEAN NOT NULL DEFAULT false,
    "pledgedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "pledges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pledge_instalments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pledgeId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "pledge_instalments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pledge_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pledgeId" UUID NOT NULL,
    "kind" "PledgeEventKind" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pledge_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checkout_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pledgeId" UUID NOT NULL,
    "instalmentId" UUID,
    "stripeSessionId" TEXT NOT NULL,
    "stripeSubscriptionId" TEXT,
    "status" TEXT NOT NULL,
    "url" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkout_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "donorId" UUID NOT NULL,
    "pledgeId" UUID,
    "instalmentId" UUID,
    "method" "PaymentMethod" NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "providerPaymentId" TEXT,
    "providerInvoiceId" TEXT,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "feeMinor" BIGINT NOT NULL DEFAULT 0,
    "usdRate" DECIMAL(24,12) NOT NULL,
    "usdMinor" BIGINT NOT NULL,
    "earmarkType" "EarmarkType" NOT NULL,
    "programmeId" UUID,
    "projectId" UUID,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" UUID,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reversals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "paymentId" UUID NOT NULL,
    "kind" "ReversalKind" NOT NULL,
    "providerReversalId" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "usdMinor" BIGINT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" UUID,

    CONSTRAINT "reversals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allocations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "source" "FundingSource" NOT NULL,
    "usdMinor" BIGINT NOT NULL,
    "paymentId" UUID,
    "regularBudgetEntryId" UUID,
    "reversalId" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fx_rates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "currency" CHAR(3) NOT NULL,
    "month" DATE NOT NULL,
    "usdRate" DECIMAL(24,12) NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'UN operational rates',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fx_rates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "funding_summaries" (
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "requirementUsdMinor" BIGINT NOT NULL,
    "regularBudgetUsdMinor" BIGINT NOT NULL,
    "generalPurposeUsdMinor" BIGINT NOT NULL,
    "earmarkedUsdMinor" BIGINT NOT NULL,
    "pledgedUnpaidUsdMinor" BIGINT NOT NULL,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "funding_summaries_pkey" PRIMARY KEY ("projectId","year")
);

-- CreateTable
CREATE TABLE "impact_updates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "title" JSONB NOT NULL,
    "body" JSONB NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "impact_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicators" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "unit" TEXT NOT NULL,
    "baseline" DECIMAL(18,4) NOT NULL,
    "target" DECIMAL(18,4) NOT NULL,

    CONSTRAINT "indicators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_values" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "indicatorId" UUID NOT NULL,
    "impactUpdateId" UUID,
    "measuredOn" DATE NOT NULL,
    "value" DECIMAL(18,4) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicator_values_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "title" JSONB NOT NULL,
    "subject" JSONB NOT NULL,
    "body" JSONB NOT NULL,
    "goalUsdMinor" BIGINT NOT NULL,
    "programmeId" UUID,
    "projectId" UUID,
    "segment" JSONB NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "closesAt" TIMESTAMPTZ(3),

    CONSTRAINT "appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeal_recipients" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "appealId" UUID NOT NULL,
    "donorId" UUID NOT NULL,
    "emailId" UUID,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeal_recipients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "idempotencyKey" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "props" JSONB NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "donorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "StaffRole"[],
    "locale" VARCHAR(5) NOT NULL DEFAULT 'en',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "staffUserId" UUID,
    "donorId" UUID,
    "redirectTo" TEXT NOT NULL DEFAULT '/',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tokenHash" TEXT NOT NULL,
    "staffUserId" UUID,
    "donorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actorId" UUID,
    "actorKind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_webhook_events" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "programmes_slug_key" ON "programmes"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "programmes_code_key" ON "programmes"("code");

-- CreateIndex
CREATE UNIQUE INDEX "projects_code_key" ON "projects"("code");

-- CreateIndex
CREATE INDEX "projects_programmeId_idx" ON "projects"("programmeId");

-- CreateIndex
CREATE INDEX "projects_regionCode_idx" ON "projects"("regionCode");

-- CreateIndex
CREATE INDEX "projects_countryCode_idx" ON "projects"("countryCode");

-- CreateIndex
CREATE INDEX "project_requirements_year_idx" ON "project_requirements"("year");

-- CreateIndex
CREATE UNIQUE INDEX "project_requirements_projectId_year_key" ON "project_requirements"("projectId", "year");

-- CreateIndex
CREATE INDEX "regular_budget_entries_programmeId_year_idx" ON "regular_budget_entries"("programmeId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "donors_email_key" ON "donors"("email");

-- CreateIndex
CREATE UNIQUE INDEX "donors_stripeCustomerId_key" ON "donors"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "donors_type_idx" ON "donors"("type");

-- CreateIndex
CREATE INDEX "donor_consents_donorId_kind_recordedAt_idx" ON "donor_consents"("donorId", "kind", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "pledges_reference_key" ON "pledges"("reference");

-- CreateIndex
CREATE INDEX "pledges_donorId_idx" ON "pledges"("donorId");

-- CreateIndex
CREATE INDEX "pledges_programmeId_idx" ON "pledges"("programmeId");

-- CreateIndex
CREATE INDEX "pledges_projectId_idx" ON "pledges"("projectId");

-- CreateIndex
CREATE INDEX "pledges_appealId_idx" ON "pledges"("appealId");

-- CreateIndex
CREATE INDEX "pledge_instalments_dueOn_idx" ON "pledge_instalments"("dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "pledge_instalments_pledgeId_sequence_key" ON "pledge_instalments"("pledgeId", "sequence");

-- CreateIndex
CREATE INDEX "pledge_events_pledgeId_idx" ON "pledge_events"("pledgeId");

-- CreateIndex
CREATE UNIQUE INDEX "checkout_sessions_stripeSessionId_key" ON "checkout_sessions"("stripeSessionId");

-- CreateIndex
CREATE INDEX "checkout_sessions_pledgeId_idx" ON "checkout_sessions"("pledgeId");

-- CreateIndex
CREATE INDEX "checkout_sessions_stripeSubscriptionId_idx" ON "checkout_sessions"("stripeSubscriptionId");

-- CreateIndex
CREATE UNIQUE INDEX "payments_providerPaymentId_key" ON "payments"("providerPaymentId");

-- CreateIndex
CREATE INDEX "payments_donorId_idx" ON "payments"("donorId");

-- CreateIndex
CREATE INDEX "payments_pledgeId_idx" ON "payments"("pledgeId");

-- CreateIndex
CREATE INDEX "payments_instalmentId_idx" ON "payments"("instalmentId");

-- CreateIndex
CREATE INDEX "payments_earmarkType_programmeId_idx" ON "payments"("earmarkType", "programmeId");

-- CreateIndex
CREATE INDEX "payments_projectId_idx" ON "payments"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "reversals_providerReversalId_key" ON "reversals"("providerReversalId");

-- CreateIndex
CREATE INDEX "reversals_paymentId_idx" ON "reversals"("paymentId");

-- CreateIndex
CREATE INDEX "allocations_projectId_year_source_idx" ON "allocations"("projectId", "year", "source");

-- CreateIndex
CREATE INDEX "allocations_paymentId_idx" ON "allocations"("paymentId");

-- CreateIndex
CREATE INDEX "allocations_regularBudgetEntryId_idx" ON "allocations"("regularBudgetEntryId");

-- CreateIndex
CREATE INDEX "allocations_year_idx" ON "allocations"("year");

-- CreateIndex
CREATE UNIQUE INDEX "fx_rates_currency_month_key" ON "fx_rates"("currency", "month");

-- CreateIndex
CREATE INDEX "funding_summaries_year_idx" ON "funding_summaries"("year");

-- CreateIndex
CREATE INDEX "impact_updates_projectId_publishedAt_idx" ON "impact_updates"("projectId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "indicators_projectId_code_key" ON "indicators"("projectId", "code");

-- CreateIndex
CREATE INDEX "indicator_values_indicatorId_measuredOn_idx" ON "indicator_values"("indicatorId", "measuredOn");

-- CreateIndex
CREATE UNIQUE INDEX "appeals_slug_key" ON "appeals"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "appeal_recipients_appealId_donorId_key" ON "appeal_recipients"("appealId", "donorId");

-- CreateIndex
CREATE UNIQUE INDEX "email_outbox_idempotencyKey_key" ON "email_outbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "email_outbox_status_createdAt_idx" ON "email_outbox"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "login_tokens_tokenHash_key" ON "login_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "login_tokens_email_createdAt_idx" ON "login_tokens"("email", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_tokenHash_key" ON "sessions"("tokenHash");

-- CreateIndex
CREATE INDEX "sessions_staffUserId_idx" ON "sessions"("staffUserId");

-- CreateIndex
CREATE INDEX "sessions_donorId_idx" ON "sessions"("donorId");

-- CreateIndex
CREATE INDEX "audit_log_entityType_entityId_idx" ON "audit_log"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_requirements" ADD CONSTRAINT "project_requirements_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regular_budget_entries" ADD CONSTRAINT "regular_budget_entries_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regular_budget_entries" ADD CONSTRAINT "regular_budget_entries_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donor_consents" ADD CONSTRAINT "donor_consents_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "appeals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledge_instalments" ADD CONSTRAINT "pledge_instalments_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "pledges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pledge_events" ADD CONSTRAINT "pledge_events_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "pledges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "pledges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_instalmentId_fkey" FOREIGN KEY ("instalmentId") REFERENCES "pledge_instalments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "pledges"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_instalmentId_fkey" FOREIGN KEY ("instalmentId") REFERENCES "pledge_instalments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reversals" ADD CONSTRAINT "reversals_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_regularBudgetEntryId_fkey" FOREIGN KEY ("regularBudgetEntryId") REFERENCES "regular_budget_entries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_reversalId_fkey" FOREIGN KEY ("reversalId") REFERENCES "reversals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "funding_summaries" ADD CONSTRAINT "funding_summaries_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "impact_updates" ADD CONSTRAINT "impact_updates_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_impactUpdateId_fkey" FOREIGN KEY ("impactUpdateId") REFERENCES "impact_updates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal_recipients" ADD CONSTRAINT "appeal_recipients_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "appeals"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal_recipients" ADD CONSTRAINT "appeal_recipients_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "login_tokens" ADD CONSTRAINT "login_tokens_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "login_tokens" ADD CONSTRAINT "login_tokens_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_donorId_fkey" FOREIGN KEY ("donorId") REFERENCES "donors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
