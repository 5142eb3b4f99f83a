-- The database refuses money facts the ledger check would only find after the fact (issue #11,
-- item 12; docs/decisions/017). Only invariants of one row are here; those across rows (over-
-- allocation, a payment's earmark against its pledge's, pools) stay with the ledger check.
-- Prisma cannot describe CHECK constraints: they live in migrations only, like the append-only
-- triggers, and tests/setup/catalog.ts leaves them out of the schema comparison.
-- Each ADD CONSTRAINT validates the rows already there; the migration fails on one that breaks it.

-- The currencies the portal knows and their ISO 4217 exponents (app/platform/money.ts
-- `currencyExponents`; a test keeps the two equal); NULL for any other code. A pledge or payment
-- in another currency could be neither formatted nor converted.
CREATE FUNCTION currency_exponent(code text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT exponent FROM (VALUES
    ('USD', 2), ('EUR', 2), ('GBP', 2), ('CHF', 2), ('JPY', 0), ('SEK', 2), ('NOK', 2), ('KWD', 3),
    ('CAD', 2), ('AUD', 2), ('DKK', 2), ('CNY', 2), ('RUB', 2), ('SAR', 2), ('AED', 2), ('QAR', 2),
    ('BHD', 3), ('OMR', 3), ('JOD', 3), ('TND', 3), ('KRW', 0), ('INR', 2), ('BRL', 2), ('MXN', 2),
    ('ZAR', 2), ('NZD', 2), ('PLN', 2), ('CZK', 2), ('HUF', 2), ('TRY', 2), ('SGD', 2), ('HKD', 2),
    ('EGP', 2), ('MAD', 2), ('NGN', 2), ('KES', 2), ('COP', 2), ('CLP', 0), ('ISK', 0), ('VND', 0),
    ('IDR', 2), ('THB', 2), ('PKR', 2)
  ) AS known(currency, exponent) WHERE currency = code
$$;

ALTER TABLE "pledges"
  ADD CONSTRAINT "pledges_amount_positive" CHECK ("amountMinor" > 0),
  ADD CONSTRAINT "pledges_currency_supported" CHECK (currency_exponent("currency") IS NOT NULL),
  ADD CONSTRAINT "pledges_usd_rate_positive" CHECK ("usdRate" > 0),
  ADD CONSTRAINT "pledges_earmark_target" CHECK (
    ("earmarkType" <> 'PROGRAMME' OR "programmeId" IS NOT NULL) AND ("earmarkType" <> 'PROJECT' OR "projectId" IS NOT NULL));

ALTER TABLE "pledge_instalments"
  ADD CONSTRAINT "pledge_instalments_amount_positive" CHECK ("amountMinor" > 0),
  ADD CONSTRAINT "pledge_instalments_sequence_positive" CHECK ("sequence" > 0);

ALTER TABLE "payments"
  ADD CONSTRAINT "payments_amount_positive" CHECK ("amountMinor" > 0),
  ADD CONSTRAINT "payments_fee_not_negative" CHECK ("feeMinor" >= 0),
  ADD CONSTRAINT "payments_currency_supported" CHECK (currency_exponent("currency") IS NOT NULL),
  ADD CONSTRAINT "payments_usd_rate_positive" CHECK ("usdRate" > 0),
  -- toUsdMinor: amount ÷ 10^exponent × rate in cents, rounded half away from zero, as round()
  -- does; multiplying by 10^-exponent keeps the numeric arithmetic exact.
  ADD CONSTRAINT "payments_usd_follows_pinned_rate" CHECK (
    "usdMinor" = round("amountMinor" * "usdRate" * 100 * power(10::numeric, -currency_exponent("currency")))),
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
