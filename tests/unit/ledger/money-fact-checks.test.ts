// The database itself refuses money facts the ledger check would only report after the fact
// (issue #11, item 12; migration 20261205100001_money_fact_checks, decision 017): each INSERT
// below breaks one CHECK constraint and must fail with that constraint's name. Each runs in a
// transaction that is rolled back, so the ledger check after this file sees the fixture only.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currencyExponents } from '~/platform/money.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { buildLedgerFixture } from './ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;
let client: pg.Client;

beforeAll(async () => {
  fixture = await buildLedgerFixture(getPrisma());
  await refreshFundingSummaries();
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
});

/** Runs `sql` in a transaction that is always rolled back; resolves to the error's constraint name, or null if it passed. */
async function refusedBy(sql: string, values: unknown[] = []): Promise<string | null> {
  await client.query('BEGIN');
  try {
    await client.query(sql, values);
    return null;
  } catch (error) {
    const { constraint, message } = error as { constraint?: string; message: string };
    // The name is in the message too, which is what a person reading the log sees.
    expect(message).toContain(`"${constraint}"`);
    return constraint ?? message;
  } finally {
    await client.query('ROLLBACK');
  }
}

/** A staff allocation decision (decision 025) by a throwaway staff user, in the rolled-back transaction. */
const poolAllocation = (pool: string, programmeId: string, usdMinor: string) =>
  `WITH staff AS (INSERT INTO staff_users (email, name) VALUES ('chk-' || gen_random_uuid() || '@example.org', 'Check') RETURNING id)
   INSERT INTO pool_allocations (pool, "programmeId", "projectId", year, "usdMinor", "createdById")
   SELECT ${pool}, ${programmeId}, '${fixture.a1.id}', 2025, ${usdMinor}, id FROM staff`;

/** A write-off (decision 030) of the fixture's first instalment by a throwaway staff user, in the rolled-back transaction. */
const writeOff = (amountMinor: string, reason: string) =>
  `WITH staff AS (INSERT INTO staff_users (email, name) VALUES ('chk-' || gen_random_uuid() || '@example.org', 'Check') RETURNING id)
   INSERT INTO instalment_write_offs ("instalmentId", "amountMinor", reason, "requestKey", "createdById")
   SELECT (SELECT id FROM pledge_instalments ORDER BY id LIMIT 1), ${amountMinor}, '${reason}', gen_random_uuid(), id FROM staff`;

const payment = (columns: Record<string, string> = {}) => {
  const row: Record<string, string> = {
    '"donorId"': `'${fixture.donor.id}'`,
    method: `'CARD'`,
    provider: `'STRIPE'`,
    currency: `'USD'`,
    '"amountMinor"': '5000',
    '"usdRate"': '1',
    '"usdMinor"': '5000',
    '"earmarkType"': `'GENERAL_PURPOSE'`,
    '"receivedAt"': 'now()',
    ...columns,
  };
  return `INSERT INTO payments (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).join(', ')})`;
};

const pledge = (columns: Record<string, string> = {}) => {
  const row: Record<string, string> = {
    reference: `'CHK-' || gen_random_uuid()`,
    '"donorId"': `'${fixture.donor.id}'`,
    frequency: `'ONCE'`,
    method: `'CARD'`,
    currency: `'EUR'`,
    '"amountMinor"': '5000',
    '"usdRate"': '1.08',
    '"earmarkType"': `'GENERAL_PURPOSE'`,
    ...columns,
  };
  return `INSERT INTO pledges (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).join(', ')})`;
};

const reversal = (kind: string, amountMinor: string, usdMinor: string) =>
  `INSERT INTO reversals ("paymentId", kind, "amountMinor", "usdMinor") VALUES ('${fixture.gp.id}', '${kind}', ${amountMinor}, ${usdMinor})`;

const allocation = (columns: Record<string, string>) => {
  const row: Record<string, string> = {
    '"projectId"': `'${fixture.a1.id}'`,
    year: '2025',
    source: `'GENERAL_PURPOSE'`,
    '"usdMinor"': '10',
    ...columns,
  };
  return `INSERT INTO allocations (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).join(', ')})`;
};

describe('CHECK constraints on money facts', () => {
  it('accept the valid rows the refusals below are variations of', async () => {
    expect(await refusedBy(payment())).toBeNull();
    expect(await refusedBy(pledge())).toBeNull();
    expect(await refusedBy(reversal('REFUND', '100', '100'))).toBeNull();
    expect(await refusedBy(reversal('DISPUTE_WITHDRAWN', '100', '100'))).toBeNull();
    expect(await refusedBy(reversal('DISPUTE_REINSTATED', '-100', '-100'))).toBeNull();
    expect(await refusedBy(reversal('DISPUTE_FINAL', '0', '0'))).toBeNull();
    expect(await refusedBy(allocation({ '"paymentId"': `'${fixture.gp.id}'` }))).toBeNull();
    expect(
      await refusedBy(allocation({ '"regularBudgetEntryId"': `'${fixture.rb.id}'`, source: `'REGULAR_BUDGET'`, '"usdMinor"': '-10' })),
    ).toBeNull();
  });

  it.each([
    ['payments_amount_positive', () => payment({ '"amountMinor"': '0', '"usdMinor"': '0' })],
    ['payments_amount_positive', () => payment({ '"amountMinor"': '-5000', '"usdMinor"': '-5000' })],
    ['payments_fee_not_negative', () => payment({ '"feeMinor"': '-1' })],
    ['payments_usd_rate_positive', () => payment({ '"usdRate"': '0', '"usdMinor"': '0' })],
    ['payments_currency_supported', () => payment({ currency: `'usd'` })],
    ['payments_currency_supported', () => payment({ currency: `'XTS'` })],
    ['payments_currency_supported', () => payment({ currency: `'U$D'` })],
    ['payments_earmark_target', () => payment({ '"earmarkType"': `'PROGRAMME'` })],
    ['payments_earmark_target', () => payment({ '"earmarkType"': `'PROJECT'`, '"programmeId"': `'${fixture.progA.id}'` })],
    ['pledges_amount_positive', () => pledge({ '"amountMinor"': '0' })],
    ['pledges_currency_supported', () => pledge({ currency: `'eur'` })],
    ['pledges_usd_rate_positive', () => pledge({ '"usdRate"': '-1.08' })],
    ['pledges_earmark_target', () => pledge({ '"earmarkType"': `'PROJECT'` })],
    ['reversals_amount_sign_by_kind', () => reversal('REFUND', '0', '0')],
    ['reversals_amount_sign_by_kind', () => reversal('REFUND', '-100', '-100')],
    ['reversals_amount_sign_by_kind', () => reversal('REFUND', '100', '-1')],
    ['reversals_amount_sign_by_kind', () => reversal('DISPUTE_WITHDRAWN', '-100', '-100')],
    ['reversals_amount_sign_by_kind', () => reversal('DISPUTE_REINSTATED', '100', '100')],
    ['reversals_amount_sign_by_kind', () => reversal('DISPUTE_FINAL', '100', '100')],
    ['reversals_amount_sign_by_kind', () => reversal('CORRECTION', '0', '0')],
    ['allocations_one_origin', () => allocation({ source: `'EARMARKED'` })],
    [
      'allocations_one_origin',
      () => allocation({ source: `'EARMARKED'`, '"paymentId"': `'${fixture.jpyPaid.id}'`, '"regularBudgetEntryId"': `'${fixture.rb.id}'` }),
    ],
    ['allocations_source_matches_origin', () => allocation({ '"paymentId"': `'${fixture.gp.id}'`, source: `'REGULAR_BUDGET'` })],
    ['allocations_source_matches_origin', () => allocation({ '"regularBudgetEntryId"': `'${fixture.rb.id}'`, source: `'EARMARKED'` })],
    ['allocations_amount_not_zero', () => allocation({ '"paymentId"': `'${fixture.gp.id}'`, '"usdMinor"': '0' })],
    [
      'allocations_reversal_of_payment',
      () =>
        allocation({
          '"regularBudgetEntryId"': `'${fixture.rb.id}'`,
          source: `'REGULAR_BUDGET'`,
          '"reversalId"': `(SELECT id FROM reversals LIMIT 1)`,
        }),
    ],
    ['pool_allocations_amount_positive', () => poolAllocation(`'GENERAL_PURPOSE'`, 'NULL', '0')],
    ['instalment_write_offs_amount_positive', () => writeOff('0', 'closed')],
    ['instalment_write_offs_reason_given', () => writeOff('100', '  ')],
    ['pool_allocations_pool_has_programme', () => poolAllocation(`'PROGRAMME'`, 'NULL', '100')],
    ['pool_allocations_pool_has_programme', () => poolAllocation(`'GENERAL_PURPOSE'`, `'${fixture.progA.id}'`, '100')],
    ['pool_allocations_pool_has_programme', () => poolAllocation(`'PROJECT'`, `'${fixture.progA.id}'`, '100')],
    [
      'regular_budget_entries_amount_not_zero',
      () => `INSERT INTO regular_budget_entries ("programmeId", year, "usdMinor") VALUES ('${fixture.progA.id}', 2025, 0)`,
    ],
    [
      'project_requirements_amount_not_negative',
      () => `INSERT INTO project_requirements ("projectId", year, "usdMinor") VALUES ('${fixture.a1.id}', 2031, -1)`,
    ],
    ['fx_rates_currency_iso4217', () => `INSERT INTO fx_rates (currency, month, "usdRate") VALUES ('eu', '2031-01-01', 1.1)`],
    ['fx_rates_usd_rate_positive', () => `INSERT INTO fx_rates (currency, month, "usdRate") VALUES ('EUR', '2031-01-01', 0)`],
    [
      'pledge_instalments_amount_positive',
      () =>
        `INSERT INTO pledge_instalments ("pledgeId", sequence, "dueOn", "amountMinor") VALUES ((SELECT id FROM pledges LIMIT 1), 99, '2031-01-01', 0)`,
    ],
    [
      'pledge_instalments_sequence_positive',
      () =>
        `INSERT INTO pledge_instalments ("pledgeId", sequence, "dueOn", "amountMinor") VALUES ((SELECT id FROM pledges LIMIT 1), 0, '2031-01-01', 100)`,
    ],
  ])('refuse a row breaking %s', async (name, sql) => {
    expect(await refusedBy(sql())).toBe(name);
  });

  it('know exactly the currencies the portal formats and converts, with their exponents', async () => {
    const known = Object.entries(currencyExponents);
    const { rows } = await client.query<{ code: string; exponent: number | null }>(
      `SELECT code, currency_exponent(code) AS exponent FROM unnest($1::text[]) AS code`,
      [[...known.map(([code]) => code), 'XTS', 'ZWL', 'usd', 'US']],
    );
    expect(rows.filter((row) => row.exponent !== null).map((row) => [row.code, row.exponent])).toEqual(known);
    // and no more: the function's own list has as many codes as money.ts
    const {
      rows: [definition],
    } = await client.query<{ body: string }>(`SELECT prosrc AS body FROM pg_proc WHERE proname = 'currency_exponent'`);
    expect(definition?.body.match(/'[A-Z]{3}'/g)?.length).toBe(known.length);
  });

  it.each([
    ['EUR', '1000', '1.1', '1100'],
    ['JPY', '33333', '0.0067', '22333'],
    ['KWD', '1005', '3.25', '327'],
    ['KWD', '1', '3.25', '0'],
    ['EUR', '5', '1.1', '6'],
  ])('take a %s payment of %s minor units at %s only with the USD the pinned rate gives (%s)', async (currency, amount, rate, usd) => {
    const row = { currency: `'${currency}'`, '"amountMinor"': amount, '"usdRate"': rate };
    expect(await refusedBy(payment({ ...row, '"usdMinor"': usd }))).toBeNull();
    expect(await refusedBy(payment({ ...row, '"usdMinor"': String(BigInt(usd) + 1n) }))).toBe('payments_usd_follows_pinned_rate');
  });
});
