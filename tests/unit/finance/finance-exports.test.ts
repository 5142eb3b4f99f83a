// Issue #12 item 10: finance exports for the accounting system — payments (gross, fee, net),
// pledges, allocations and reversals of a period, as formula-safe CSV and as JSON, from the staff
// page and from `npm run finance:export`; every figure equal to the ledger's, none rounded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExportRows } from '~/finance/finance-export-queries.server.ts';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { acceptStripeWebhook } from '~/giving/stripe/stripe-webhook.server.ts';
import { parseCsv } from '~/platform/csv.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { loader as exportLoader } from '~/routes/staff.finance.export.ts';
import { loader as exportsPageLoader } from '~/routes/staff.finance.exports.tsx';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { args, get, thrownResponse, unwrap } from '../staff/helpers.ts';
import {
  buildGivingFixture,
  drainStripeJobs,
  giveRequest,
  signedDelivery,
  startEmulatorForTests,
  stripeEvents,
} from '../giving/giving-fixture.ts';
import { signedIn } from '../staff/signed-in.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
const db = () => getPrisma();
let period: { from: string; to: string };

async function paidGift(overrides: Parameters<typeof giveRequest>[0]) {
  await startGiving(giveRequest(overrides), { origin: 'http://localhost:3000' });
  const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
  const session = await stripe.checkout.sessions.retrieve(checkout.stripeSessionId);
  return { pledgeId: checkout.pledgeId, paymentIntent: session.payment_intent as string };
}

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
  await paidGift({ email: 'export-a@example.org', currency: 'EUR', amountMinor: 12_345n, earmark: 'project', project: 'GLOT59' } as never);
  await paidGift({
    email: 'export-b@example.org',
    currency: 'USD',
    amountMinor: 50_000n,
    givenName: '=HYPERLINK("http://evil")',
    familyName: 'Donor',
  });
  const refunded = await paidGift({
    email: 'export-c@example.org',
    currency: 'USD',
    amountMinor: 20_000n,
    earmark: 'project',
    project: 'GLOT59',
  } as never);
  await stripe.refunds.create({ payment_intent: refunded.paymentIntent, amount: 7_500 });
  for (const event of stripeEvents(emulator)) {
    const { payload, signature } = signedDelivery(stripe, event);
    expect((await acceptStripeWebhook({ rawBody: payload, signature })).status).toBe(200);
  }
  await drainStripeJobs();
  // The period: the days the facts were recorded on (no test depends on today's date).
  const bounds = await db().$queryRaw<{ first: Date; last: Date }[]>`
    SELECT least(min(p."receivedAt"), min(pl."pledgedAt")) AS first, greatest(max(p."receivedAt"), max(pl."pledgedAt"), max(r."createdAt")) AS last
      FROM payments p JOIN pledges pl ON pl.id = p."pledgeId" LEFT JOIN reversals r ON r."paymentId" = p.id`;
  period = { from: bounds[0]!.first.toISOString().slice(0, 10), to: bounds[0]!.last.toISOString().slice(0, 10) };
});

afterAll(async () => {
  await emulator?.close();
});

async function download(query: Record<string, string>, cookie: string) {
  const response = (await exportLoader(
    args(get(`/staff/finance/export?${new URLSearchParams(query).toString()}`, { cookie })),
  )) as Response;
  return { response, text: await response.text() };
}

describe('finance exports', () => {
  it('payments as CSV: one row per payment, gross − fee = net, amounts as numbers, names formula-safe, audited', async () => {
    const finance = await signedIn(['FINANCE'], 'finance-export@example.org');
    const { response, text } = await download({ kind: 'payments', format: 'csv', ...period }, finance.cookie);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="payments-${period.from}-to-${period.to}.csv"`);
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
    const column = (row: string[], name: string) => row[header!.indexOf(name)]!;
    const payments = await db().payment.findMany({ include: { processingFee: true } });
    expect(rows).toHaveLength(payments.length);
    for (const row of rows) {
      const payment = payments.find((p) => p.id === column(row, 'payment_id'))!;
      expect(BigInt(column(row, 'amount_minor'))).toBe(payment.amountMinor);
      expect(BigInt(column(row, 'usd_minor'))).toBe(payment.usdMinor);
      expect(BigInt(column(row, 'gross_minor')) - BigInt(column(row, 'fee_minor'))).toBe(BigInt(column(row, 'net_minor')));
      if (payment.processingFee) expect(BigInt(column(row, 'fee_minor'))).toBe(payment.processingFee.feeMinor);
    }
    const euro = rows.find((row) => column(row, 'currency') === 'EUR')!;
    expect(column(euro, 'amount')).toBe('123.45');
    expect(rows.map((row) => column(row, 'donor_name'))).toContain(`'=HYPERLINK("http://evil") Donor`);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'finance.export', actorId: finance.user.id } });
    expect(audit.after).toMatchObject({ kind: 'payments', format: 'csv', ...period });
  });

  it('reversals and allocations: negative allocation rows stay numbers; JSON holds the same rows with amounts as strings', async () => {
    const admin = await signedIn(['ADMIN'], 'admin-export@example.org');
    const reversals = parseCsv((await download({ kind: 'reversals', format: 'csv', ...period }, admin.cookie)).text.replace(/^\uFEFF/, ''));
    expect(reversals.slice(1).map((row) => [row[reversals[0]!.indexOf('kind')], row[reversals[0]!.indexOf('amount')]])).toEqual([
      ['REFUND', '75.00'],
    ]);

    const allocations = parseCsv(
      (await download({ kind: 'allocations', format: 'csv', ...period }, admin.cookie)).text.replace(/^\uFEFF/, ''),
    );
    const usd = allocations.slice(1).map((row) => row[allocations[0]!.indexOf('usd_minor')]!);
    expect(usd.some((value) => value.startsWith('-'))).toBe(true);
    expect(usd.every((value) => /^-?\d+$/.test(value))).toBe(true);
    const total = await db().allocation.aggregate({ _sum: { usdMinor: true } });
    expect(usd.reduce((sum, value) => sum + BigInt(value), 0n)).toBe(total._sum.usdMinor);

    const json = JSON.parse((await download({ kind: 'allocations', format: 'json', ...period }, admin.cookie)).text) as {
      kind: string;
      rows: { usd_minor: string; usd: string }[];
    };
    expect(json.kind).toBe('allocations');
    expect(json.rows.map((row) => row.usd_minor)).toEqual(usd);
    expect(typeof json.rows[0]!.usd).toBe('string');
  });

  it('reads in keyset batches without losing or repeating a row', async () => {
    const periodDates = {
      from: new Date(`${period.from}T00:00:00Z`),
      toExclusive: new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000),
    };
    for (const kind of ['payments', 'pledges', 'allocations', 'reversals'] as const) {
      const whole: string[] = [];
      for await (const batch of readExportRows({ kind, period: periodDates }))
        whole.push(...batch.map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))));
      const oneByOne: string[] = [];
      for await (const batch of readExportRows({ kind, period: periodDates, batchSize: 1 }))
        oneByOne.push(...batch.map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))));
      expect(oneByOne, kind).toEqual(whole);
      expect(whole.length, kind).toBeGreaterThan(0);
    }
  });

  it('sends invalid requests back to the form with the reasons; refuses other roles; an empty period has only the header', async () => {
    const finance = await signedIn(['FINANCE'], 'finance-export-2@example.org');
    const invalid = await thrownResponse(() =>
      exportLoader(args(get('/staff/finance/export?kind=payments&format=xls&from=2026-02-30&to=2025-01-01', { cookie: finance.cookie }))),
    );
    expect(invalid.status).toBe(302);
    const back = new URL(invalid.headers.get('Location')!, 'http://localhost');
    expect(back.pathname).toBe('/staff/finance/exports');
    const page = unwrap(await exportsPageLoader(args(get(`${back.pathname}${back.search}&lng=en`, { cookie: finance.cookie })))).data as {
      errors: Record<string, string | null>;
    };
    expect(page.errors).toMatchObject({ format: 'Choose CSV or JSON.', from: 'Enter the first day as a date (year-month-day).' });
    const reversed = await thrownResponse(() =>
      exportLoader(args(get('/staff/finance/export?kind=payments&format=csv&from=2026-03-01&to=2026-01-01', { cookie: finance.cookie }))),
    );
    const reversedPage = unwrap(
      await exportsPageLoader(
        args(
          get(`${new URL(reversed.headers.get('Location')!, 'http://localhost').search}`.replace(/^/, '/staff/finance/exports'), {
            cookie: finance.cookie,
          }),
        ),
      ),
    ).data as {
      errors: Record<string, string | null>;
    };
    expect(reversedPage.errors.to).toBe('The last day must not be before the first day.');

    const officer = await signedIn(['PROGRAMME_OFFICER'], 'officer-export@example.org');
    expect(
      (
        await thrownResponse(() =>
          exportLoader(
            args(get(`/staff/finance/export?kind=payments&format=csv&from=${period.from}&to=${period.to}`, { cookie: officer.cookie })),
          ),
        )
      ).status,
    ).toBe(403);
    const empty = await download({ kind: 'payments', format: 'csv', from: '1999-01-01', to: '1999-12-31' }, finance.cookie);
    expect(parseCsv(empty.text.replace(/^\uFEFF/, ''))).toHaveLength(1);
  });

  it('the command writes the same file, exits 1 on bad arguments and writes nothing then', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finance-export-'));
    try {
      const out = path.join(dir, 'payments.csv');
      const run = (...extra: string[]) =>
        spawnSync('npx', ['tsx', 'scripts/finance-export.ts', ...extra], { env: { ...process.env }, encoding: 'utf8', timeout: 60_000 });
      const ok = run('--kind', 'payments', '--from', period.from, '--to', period.to, '--out', out);
      expect(ok.status, ok.stderr).toBe(0);
      const rows = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
      expect(rows.length - 1).toBeGreaterThanOrEqual(3);
      const bad = run('--kind', 'invoices', '--from', period.from, '--to', period.to, '--out', path.join(dir, 'bad.csv'));
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/--kind/);
      expect(() => readFileSync(path.join(dir, 'bad.csv'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
