-- CreateEnum
CREATE TYPE "BankMatchKind" AS ENUM ('PAYMENT', 'NOT_CONTRIBUTION');

-- CreateTable
CREATE TABLE "bank_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "iban" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "name" TEXT NOT NULL,
    "csvMapping" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_statements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "statementRef" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fromDate" DATE,
    "toDate" DATE,
    "importedById" UUID,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_statements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "identity" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "bookingDate" DATE NOT NULL,
    "valueDate" DATE,
    "currency" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "instructedMinor" BIGINT,
    "chargeMinor" BIGINT NOT NULL DEFAULT 0,
    "grossMinor" BIGINT NOT NULL,
    "accountServicerRef" TEXT,
    "entryRef" TEXT,
    "endToEndId" TEXT,
    "remittance" TEXT NOT NULL DEFAULT '',
    "structuredRef" TEXT,
    "debtorName" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_matches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "entryId" UUID NOT NULL,
    "kind" "BankMatchKind" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "paymentId" UUID,
    "instalmentId" UUID,
    "isAutomatic" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_matches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bank_accounts_iban_key" ON "bank_accounts"("iban");

-- CreateIndex
CREATE UNIQUE INDEX "bank_statements_accountId_fileSha256_statementRef_key" ON "bank_statements"("accountId", "fileSha256", "statementRef");

-- CreateIndex
CREATE UNIQUE INDEX "bank_entries_identity_key" ON "bank_entries"("identity");

-- CreateIndex
CREATE INDEX "bank_entries_accountId_bookingDate_idx" ON "bank_entries"("accountId", "bookingDate");

-- CreateIndex
CREATE INDEX "bank_entries_statementId_idx" ON "bank_entries"("statementId");

-- CreateIndex
CREATE UNIQUE INDEX "bank_matches_paymentId_key" ON "bank_matches"("paymentId");

-- CreateIndex
CREATE INDEX "bank_matches_entryId_idx" ON "bank_matches"("entryId");

-- AddForeignKey
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "bank_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "bank_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "bank_statements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_matches" ADD CONSTRAINT "bank_matches_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "bank_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Bank entries and their matches are facts like payments (decision 026): never updated or deleted.
CREATE TRIGGER bank_entries_append_only BEFORE UPDATE OR DELETE ON "bank_entries"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER bank_matches_append_only BEFORE UPDATE OR DELETE ON "bank_matches"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
