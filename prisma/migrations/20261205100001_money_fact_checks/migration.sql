-- The database refuses money facts the ledger check would only find after the fact (issue #11,
-- item 12; docs/decisions/017). Only invariants of one row are here; those across rows (over-
-- allocation, a payment's earmark against its pledge's, pools) stay with the ledger check.
-- Prisma cannot describe CHECK constraints: they live in migrations only, like the append-only
-- triggers, and tests/setup/catalog.ts leaves them out of the schema comparison.
-- Each ADD CONSTRAINT validates the rows already there; the migration fails on one that breaks it.

-- The currencies the portal knows (app/platform/money.ts `currencyExponents`; a test keeps the two
-- lists equal): a pledge or payment in any other cannot be formatted or converted.
CREATE FUNCTION is_supported_currency(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT code IN ('USD', 'EUR', 'GBP', 'CHF', 'JPY', 'SEK', 'NOK', 'KWD', 'CAD', 'AUD', 'DKK', 'CNY', 'RUB', 'SAR', 'AED',
                  'QAR', 'BHD', 'OMR', 'JOD', 'TND', 'KRW', 'INR', 'BRL', 'MXN', 'ZAR', 'NZD', 'PLN', 'CZK', 'HUF', 'TRY',
                  'SGD', 'HKD', 'EGP', 'MAD', 'NGN', 'KES', 'COP', 'CLP', 'ISK', 'VND', 'IDR', 'THB', 'PKR')
$$;

ALTER TABLE "pledges"
  ADD CONSTRAINT "pledges_amount_positive" CHECK ("amountMinor" > 0),
  ADD CONSTRAINT "pledges_currency_supported" CHECK (is_supported_currency("currency")),
  ADD CONSTRAINT "pledges_usd_rate_positive" CHECK ("usdRate" > 0),
  ADD CONSTRAINT "pledges_earmark_target" CHECK (
    ("earmarkType" <> 'PROGRAMME' OR "programmeId" IS NOT NULL) AND ("earmarkType" <> 'PROJECT' OR "projectId" IS NOT NULL));

ALTER TABLE "pledge_instalments"
  ADD CONSTRAINT "pledge_instalments_amount_positive" CHECK ("amountMinor" > 0),
  ADD CONSTRAINT "pledge_instalments_sequence_positive" CHECK ("sequence" > 0);

ALTER TABLE "payments"
  ADD CONSTRAINT "payments_amount_positive" CHECK ("amountMinor" > 0),
  ADD CONSTRAINT "payments_usd_not_negative" CHECK ("usdMinor" >= 0),
  ADD CONSTRAINT "payments_fee_not_negative" CHECK ("feeMinor" >= 0),
  ADD CONSTRAINT "payments_currency_supported" CHECK (is_supported_currency("currency")),
  ADD CONSTRAINT "payments_usd_rate_positive" CHECK ("usdRate" > 0),
  ADD CONSTRAINT "payments_earmark_target" CHECK (
    ("earmarkType" <> 'PROGRAMME' OR "programmeId" IS NOT NULL) AND ("earmarkType" <> 'PROJECT' OR "projectId" IS NOT NULL));

-- A reversal's sign is its kind's: money taken back is positive, money given back (a won
-- dispute) negative, a lost dispute's record moves nothing (the withdrawal already did); a staff
-- correction (no writer yet) may go either way, but moves something.
ALTER TABLE "reversals"
  ADD CONSTRAINT "reversals_amount_sign_by_kind" CHECK (CASE "kind"
    WHEN 'DISPUTE_REINSTATED' THEN "amountMinor" < 0 AND "usdMinor" <= 0
    WHEN 'DISPUTE_FINAL' THEN "amountMinor" = 0 AND "usdMinor" = 0
    WHEN 'CORRECTION' THEN "amountMinor" <> 0
    ELSE "amountMinor" > 0 AND "usdMinor" >= 0 END);

-- Exactly one origin: a payment or a regular-budget entry; regular-budget money and only it is
-- allocated as REGULAR_BUDGET; an allocation moves money (a reversal's mirror is negative, hence
-- not "positive"); only a payment's allocation can mirror one of its reversals.
ALTER TABLE "allocations"
  ADD CONSTRAINT "allocations_one_origin" CHECK (num_nonnulls("paymentId", "regularBudgetEntryId") = 1),
  ADD CONSTRAINT "allocations_source_matches_origin" CHECK (("source" = 'REGULAR_BUDGET') = ("regularBudgetEntryId" IS NOT NULL)),
  ADD CONSTRAINT "allocations_amount_not_zero" CHECK ("usdMinor" <> 0),
  ADD CONSTRAINT "allocations_reversal_of_payment" CHECK ("reversalId" IS NULL OR "paymentId" IS NOT NULL);

-- A regular-budget correction is a new row with a negative amount (schema.prisma); none is zero.
ALTER TABLE "regular_budget_entries"
  ADD CONSTRAINT "regular_budget_entries_amount_not_zero" CHECK ("usdMinor" <> 0);

ALTER TABLE "project_requirements"
  ADD CONSTRAINT "project_requirements_amount_not_negative" CHECK ("usdMinor" >= 0);

-- Rates may exist for currencies the portal does not accept yet, but only under an ISO 4217 code.
ALTER TABLE "fx_rates"
  ADD CONSTRAINT "fx_rates_currency_iso4217" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "fx_rates_usd_rate_positive" CHECK ("usdRate" > 0);
