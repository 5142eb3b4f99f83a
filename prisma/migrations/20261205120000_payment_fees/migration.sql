-- Stripe's processing fee per payment, from the balance transaction of its charge (docs/decisions/019).
-- CreateTable
CREATE TABLE "payment_fees" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "paymentId" UUID NOT NULL,
    "providerTransactionId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "grossMinor" BIGINT NOT NULL,
    "feeMinor" BIGINT NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "exchangeRate" DECIMAL(24,12),
    "feeDetails" JSONB NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_fees_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payment_fees_paymentId_key" ON "payment_fees"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "payment_fees_providerTransactionId_key" ON "payment_fees"("providerTransactionId");

-- AddForeignKey
ALTER TABLE "payment_fees" ADD CONSTRAINT "payment_fees_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A recorded fee is a money fact (docs/decisions/004): append-only like the payment it belongs to.
CREATE TRIGGER payment_fees_append_only BEFORE UPDATE OR DELETE ON "payment_fees"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
