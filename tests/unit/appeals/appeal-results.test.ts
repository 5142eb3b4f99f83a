// The results of an appeal (issue #15 item 6, docs/decisions/050): every figure the page shows is
// compared with an independent SQL sum over the rows seeded here — recipients and their outbox
// rows (found by idempotency key, as the send writes them), consent withdrawals before and after
// the send, clicks, pledges with the appeal's code in three currencies with a partial and a full
// refund, a pledge of another appeal, and allocations dated before and after the send.
import { beforeAll, describe, expect, it } from 'vitest';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { getAppealResults, seriesDays, type AppealResults } from '~/appeals/appeal-results-queries.server.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { recordPayment, recordReversal } from '~/ledger/payment-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { locales } from '~/platform/i18n.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { createDonor, createProject } from '../impact/impact-report-fixture.ts';

const db = getPrisma();
const SENT_AT = new Date('2025-09-10T09:00:00Z');
const NOW = new Date('2025-10-15T12:00:00Z');
let appealId: string;
let otherAppealId: string;
let projectId: string;
let programmeId: string;
let results: AppealResults;
let counter = 0;

async function appeal(code: string, staffUserId: string): Promise<string> {
  const texts = { title: `Title ${code}`, subject: `Subject ${code}`, preheader: '', intro: 'Please give.' };
  const saved = await saveAppealDraft({
    draft: {
      code,
      goalUsdMinor: 1_000_000n,
      segmentId: null,
      fallbackLocale: 'en',
      texts: Object.fromEntries(locales.map((locale) => [locale, texts])),
      blocks: [
        { kind: 'project', id: projectId },
        { kind: 'programme', id: programmeId },
      ],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  await db.appeal.update({ where: { id: saved.id }, data: { status: 'SENT', sentAt: SENT_AT } });
  return saved.id;
}

/** Dates the money rows of a payment (and its reversals' allocations) to `at`, as the impact fixture does. */
async function dateMoney(paymentId: string, at: Date) {
  await db.$transaction([
    db.$executeRaw`SET LOCAL session_replication_role = replica`,
    db.$executeRaw`UPDATE payments SET "createdAt" = ${at} WHERE id = ${paymentId}::uuid`,
    db.$executeRaw`UPDATE allocations SET "createdAt" = ${at} WHERE "paymentId" = ${paymentId}::uuid AND "reversalId" IS NULL`,
  ]);
}

async function gift({
  donorId,
  appeal: forAppeal,
  recipientId = null,
  currency,
  amountMinor,
  usdRate,
  on,
  paid = true,
}: {
  donorId: string;
  appeal: string;
  recipientId?: string | null;
  currency: string;
  amountMinor: bigint;
  usdRate: string;
  on: string;
  paid?: boolean;
}) {
  counter += 1;
  const at = new Date(`${on}T12:00:00Z`);
  const pledge = await db.pledge.create({
    data: {
      reference: `RES-${counter}`,
      donorId,
      frequency: 'ONCE',
      method: 'CARD',
      currency,
      amountMinor,
      usdRate,
      earmarkType: 'PROJECT',
      projectId,
      appealId: forAppeal,
      appealRecipientId: recipientId,
      pledgedAt: at,
    },
  });
  if (!paid) return null;
  const { payment } = await db.$transaction((tx) =>
    recordPayment({
      db: tx,
      pledge,
      instalmentId: null,
      provider: 'MANUAL',
      providerPaymentId: `res-${counter}`,
      currency,
      amountMinor,
      receivedAt: at,
    }),
  );
  await dateMoney(payment.id, at);
  return payment;
}

async function refund(payment: { id: string }, amountMinor: bigint, usdMinor: bigint, on: string) {
  counter += 1;
  const full = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  const { reversal } = await db.$transaction((tx) =>
    recordReversal({
      db: tx,
      payment: full,
      kind: 'REFUND',
      providerReversalId: `res-rv-${counter}`,
      amountMinor,
      usdMinor,
      reason: 'test',
    }),
  );
  await db.$transaction([
    db.$executeRaw`SET LOCAL session_replication_role = replica`,
    db.$executeRaw`UPDATE allocations SET "createdAt" = ${new Date(`${on}T12:00:00Z`)} WHERE "reversalId" = ${reversal.id}::uuid`,
  ]);
}

async function outbox(
  appeal: string,
  donorId: string,
  status: 'SENT' | 'SKIPPED' | 'PENDING' | 'FAILED',
  outcome?: 'DELIVERED' | 'BOUNCED' | 'COMPLAINED',
) {
  return db.emailOutbox.create({
    data: {
      idempotencyKey: `appeal:${appeal}:${donorId}`,
      template: 'appeal',
      toAddress: `${donorId}@example.org`,
      locale: 'en',
      props: { appealId: appeal, donorId },
      status,
      donorId,
      consentKind: 'APPEALS',
      createdAt: SENT_AT,
      sentAt: status === 'SENT' ? SENT_AT : null,
      skipReason: status === 'SKIPPED' ? 'NO_CONSENT' : null,
      deliveryOutcome: outcome ?? null,
    },
  });
}

async function withdraw(donorId: string, at: string) {
  await db.donorConsent.create({
    data: { donorId, kind: 'APPEALS', isGranted: false, wording: 'Unsubscribe', locale: 'en', source: 'test', recordedAt: new Date(at) },
  });
}

beforeAll(async () => {
  const staff = await createStaff({ email: 'results@example.org', name: 'Results', roles: ['RESOURCE_MOBILIZATION'] });
  const project = await createProject('RES001'); // needs $100,000.00 in 2025
  projectId = project.id;
  programmeId = project.programmeId;
  await db.fxRate.createMany({
    data: [
      { currency: 'EUR', month: new Date('2025-01-01T00:00:00Z'), usdRate: '1.1' },
      { currency: 'JPY', month: new Date('2025-01-01T00:00:00Z'), usdRate: '0.0067' },
    ],
  });
  appealId = await appeal('results-autumn', staff.id);
  otherAppealId = await appeal('results-other', staff.id);
  const donors = await Promise.all(['Ana', 'Ben', 'Chen', 'Dina', 'Emil', 'Fay', 'Outsider'].map((name) => createDonor({ name })));
  const [ana, ben, chen, dina, emil, fay, outsider] = donors.map((donor) => donor.id) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const recipient = async (donorId: string, emailId?: string) =>
    (await db.appealRecipient.create({ data: { appealId, donorId, emailId: emailId ?? null, queuedAt: SENT_AT } })).id;
  // Ana: delivered (the send stored the row's id); Ben: bounced; Chen: complained; Dina: skipped;
  // Emil: not sent yet; Fay: delivered, then unsubscribed. Chen withdrew before the send: not counted.
  const rAna = await recipient(ana, (await outbox(appealId, ana, 'SENT', 'DELIVERED')).id);
  const rBen = await recipient(ben);
  await outbox(appealId, ben, 'SENT', 'BOUNCED');
  await recipient(chen);
  await outbox(appealId, chen, 'SENT', 'COMPLAINED');
  await recipient(dina);
  await outbox(appealId, dina, 'SKIPPED');
  await recipient(emil);
  await outbox(appealId, emil, 'PENDING');
  const rFay = await recipient(fay);
  await outbox(appealId, fay, 'SENT', 'DELIVERED');
  await withdraw(chen, '2025-09-01T00:00:00Z');
  await withdraw(fay, '2025-09-11T10:00:00Z');
  // Another appeal's recipient, email and click: counted nowhere here.
  const rOther = (await db.appealRecipient.create({ data: { appealId: otherAppealId, donorId: ana } })).id;
  await outbox(otherAppealId, ana, 'SENT', 'DELIVERED');
  await db.appealClick.createMany({
    data: [
      { appealId, recipientId: rAna, target: '/give?appeal=results-autumn&project=RES001', clickedAt: new Date('2025-09-10T10:00:00Z') },
      { appealId, recipientId: rAna, target: '/give?appeal=results-autumn&project=RES001', clickedAt: new Date('2025-09-10T10:05:00Z') },
      { appealId, recipientId: rBen, target: '/give?appeal=results-autumn&programme=sched', clickedAt: new Date('2025-09-11T08:00:00Z') },
      { appealId: otherAppealId, recipientId: rOther, target: '/give?appeal=results-other&project=RES001' },
    ],
  });
  // Before the send: money from someone else (not the appeal's).
  await gift({ donorId: outsider, appeal: otherAppealId, currency: 'USD', amountMinor: 1_000_000n, usdRate: '1', on: '2025-09-01' });
  // After: Ana in USD (then a partial refund) and EUR; Fay fully refunded; Ben promised, unpaid;
  // the outsider gave in JPY with the appeal's code but from no tracked link.
  const anaUsd = await gift({
    donorId: ana,
    appeal: appealId,
    recipientId: rAna,
    currency: 'USD',
    amountMinor: 10_000n,
    usdRate: '1',
    on: '2025-09-12',
  });
  await refund(anaUsd!, 2_000n, 2_000n, '2025-09-25');
  await gift({ donorId: ana, appeal: appealId, recipientId: rAna, currency: 'EUR', amountMinor: 5_000n, usdRate: '1.1', on: '2025-09-20' });
  const fayGift = await gift({
    donorId: fay,
    appeal: appealId,
    recipientId: rFay,
    currency: 'USD',
    amountMinor: 7_500n,
    usdRate: '1',
    on: '2025-09-13',
  });
  await refund(fayGift!, 7_500n, 7_500n, '2025-09-14');
  await gift({
    donorId: ben,
    appeal: appealId,
    recipientId: rBen,
    currency: 'USD',
    amountMinor: 3_000n,
    usdRate: '1',
    on: '2025-09-15',
    paid: false,
  });
  await gift({ donorId: outsider, appeal: appealId, currency: 'JPY', amountMinor: 100_000n, usdRate: '0.0067', on: '2025-09-18' });
  results = (await getAppealResults({ appealId, now: NOW }))!;
});

const count = async (query: Promise<{ n: bigint }[]>) => Number((await query)[0]?.n ?? 0);

describe('the results of an appeal', () => {
  it('counts the emails by what the outbox and the provider said, found by idempotency key', async () => {
    const key = `appeal:${appealId}:%`;
    const by = (where: string) =>
      count(db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM email_outbox WHERE "idempotencyKey" LIKE $1 AND ${where}`, key));
    expect(results.delivery).toEqual({
      recipients: await count(db.$queryRaw`SELECT count(*) AS n FROM appeal_recipients WHERE "appealId" = ${appealId}::uuid`),
      sent: await by(`status = 'SENT'`),
      delivered: await by(`"deliveryOutcome" = 'DELIVERED'`),
      bounced: await by(`"deliveryOutcome" = 'BOUNCED'`),
      complained: await by(`"deliveryOutcome" = 'COMPLAINED'`),
      skipped: await by(`status = 'SKIPPED'`),
      failed: await by(`status = 'FAILED'`),
      pending: await by(`status = 'PENDING'`),
      unsubscribed: await count(db.$queryRaw`
        SELECT count(DISTINCT o."donorId") AS n FROM email_outbox o JOIN donor_consents c ON c."donorId" = o."donorId"
        WHERE o."idempotencyKey" LIKE ${key} AND o.status = 'SENT' AND c.kind = 'APPEALS' AND NOT c."isGranted" AND c."recordedAt" >= o."sentAt"`),
    });
    expect(results.delivery).toMatchObject({
      recipients: 6,
      sent: 4,
      delivered: 2,
      bounced: 1,
      complained: 1,
      skipped: 1,
      pending: 1,
      unsubscribed: 1,
    });
  });

  it('counts clicks and the recipients who clicked', async () => {
    expect(results.clicks).toEqual({
      total: await count(db.$queryRaw`SELECT count(*) AS n FROM appeal_clicks WHERE "appealId" = ${appealId}::uuid`),
      recipients: await count(
        db.$queryRaw`SELECT count(*) AS n FROM (SELECT DISTINCT "recipientId" FROM appeal_clicks WHERE "appealId" = ${appealId}::uuid) x`,
      ),
    });
    expect(results.clicks).toEqual({ total: 3, recipients: 2 });
  });

  it('sums the money paid on the appeal’s pledges, net of refunds, per currency and in USD', async () => {
    const paid = await db.$queryRaw<{ currency: string; amount: bigint; usd: bigint }[]>`
      SELECT p.currency, SUM(p."amountMinor") AS amount, SUM(p."usdMinor") AS usd FROM payments p
      WHERE p."pledgeId" IN (SELECT id FROM pledges WHERE "appealId" = ${appealId}::uuid) GROUP BY p.currency`;
    const back = await db.$queryRaw<{ currency: string; amount: bigint; usd: bigint }[]>`
      SELECT p.currency, SUM(r."amountMinor") AS amount, SUM(r."usdMinor") AS usd FROM reversals r JOIN payments p ON p.id = r."paymentId"
      WHERE p."pledgeId" IN (SELECT id FROM pledges WHERE "appealId" = ${appealId}::uuid) GROUP BY p.currency`;
    const expected = paid
      .map((row) => {
        const minus = back.find((other) => other.currency === row.currency);
        return {
          currency: row.currency,
          amountMinor: BigInt(row.amount) - BigInt(minus?.amount ?? 0n),
          usdMinor: BigInt(row.usd) - BigInt(minus?.usd ?? 0n),
        };
      })
      .sort((a, b) => a.currency.localeCompare(b.currency));
    expect(results.money.byCurrency).toEqual(expected);
    expect(results.money.usdMinor).toBe(expected.reduce((sum, row) => sum + row.usdMinor, 0n));
    // USD 100 − 20 + 75 − 75; EUR 50 at 1.1; JPY 100,000 at 0.0067 (the ledger's own conversion).
    expect(expected.map((row) => [row.currency, row.amountMinor])).toEqual([
      ['EUR', 5_000n],
      ['JPY', 100_000n],
      ['USD', 8_000n],
    ]);
    expect(results.money.byCurrency.find((row) => row.currency === 'EUR')?.usdMinor).toBe(5_500n);
  });

  it('counts pledges, gifts (payments with something left) and the recipients who gave', async () => {
    expect(results.money.pledges).toBe(await count(db.$queryRaw`SELECT count(*) AS n FROM pledges WHERE "appealId" = ${appealId}::uuid`));
    expect(results.money.trackedPledges).toBe(
      await count(db.$queryRaw`SELECT count(*) AS n FROM pledges WHERE "appealId" = ${appealId}::uuid AND "appealRecipientId" IS NOT NULL`),
    );
    const gifts = await count(db.$queryRaw`
      SELECT count(*) AS n FROM payments p JOIN pledges pl ON pl.id = p."pledgeId"
      WHERE pl."appealId" = ${appealId}::uuid AND p."amountMinor" > (SELECT COALESCE(SUM("amountMinor"), 0) FROM reversals WHERE "paymentId" = p.id)`);
    const givers = await count(db.$queryRaw`
      SELECT count(DISTINCT pl."appealRecipientId") AS n FROM payments p JOIN pledges pl ON pl.id = p."pledgeId"
      WHERE pl."appealId" = ${appealId}::uuid AND p."amountMinor" > (SELECT COALESCE(SUM("amountMinor"), 0) FROM reversals WHERE "paymentId" = p.id)`);
    expect(results.money).toMatchObject({ gifts, givers });
    expect(results.money).toMatchObject({ pledges: 5, trackedPledges: 4, gifts: 3, givers: 1 });
  });

  it('shows each block’s coverage the day before the send and now, from allocations dated by when they were made', async () => {
    const [projectBlock, programmeBlock] = results.blocks;
    const funded = async (scope: 'project' | 'programme', before: Date) =>
      BigInt(
        (
          await db.$queryRaw<{ v: bigint | null }[]>`
            SELECT SUM(a."usdMinor") AS v FROM allocations a JOIN projects p ON p.id = a."projectId"
            WHERE (${scope} = 'project' AND a."projectId" = ${projectId}::uuid OR ${scope} = 'programme' AND p."programmeId" = ${programmeId}::uuid)
              AND a.year BETWEEN 2025 AND ${scope === 'project' ? 2026 : 2025} AND a."createdAt" < ${before}`
        )[0]?.v ?? 0n,
      );
    const requirement = 10_000_000n;
    const sendDay = new Date('2025-09-10T00:00:00Z');
    const endOfNow = new Date('2025-10-16T00:00:00Z');
    expect(projectBlock).toMatchObject({ kind: 'project', key: 'RES001', fromYear: 2025, toYear: 2026, requirementUsdMinor: requirement });
    expect(projectBlock?.before).toEqual({
      day: '2025-09-09',
      fundedUsdMinor: await funded('project', sendDay),
      coverageBasisPoints: Number(((await funded('project', sendDay)) * 10000n) / requirement),
    });
    expect(projectBlock?.now).toEqual({
      day: '2025-10-15',
      fundedUsdMinor: await funded('project', endOfNow),
      coverageBasisPoints: Number(((await funded('project', endOfNow)) * 10000n) / requirement),
    });
    expect(programmeBlock).toMatchObject({ kind: 'programme', key: 'sched', fromYear: 2025, toYear: 2025 });
    expect(programmeBlock?.now.fundedUsdMinor).toBe(await funded('programme', endOfNow));
    // $10,000 before; + $100 − $20 + €50 ($55) + $75 − $75 + ¥100,000 ($670) after.
    expect(projectBlock?.before?.fundedUsdMinor).toBe(1_000_000n);
    expect(projectBlock?.now.fundedUsdMinor).toBe(1_000_000n + 8_000n + 5_500n + 67_000n);
    // "Now" is what the public figures say (the funding summaries), to the minor unit.
    const live = await getFundingFigures({ projectId, fromYear: 2025, toYear: 2026 });
    expect(Number(projectBlock?.now.fundedUsdMinor)).toBe(live.fundedUsdMinor);
    expect(projectBlock?.now.coverageBasisPoints).toBe(live.coverageBasisPoints);
  });

  it('draws the series day by day from two weeks before the send to today, each point as of its day', async () => {
    const series = results.blocks[0]?.series ?? [];
    expect(series[0]?.day).toBe('2025-08-27');
    expect(series.at(-1)?.day).toBe('2025-10-15');
    expect(series).toHaveLength(50);
    const point = (day: string) => series.find((row) => row.day === day)?.fundedUsdMinor;
    expect(point('2025-08-31')).toBe(0n);
    expect(point('2025-09-01')).toBe(1_000_000n);
    expect(point('2025-09-12')).toBe(1_010_000n);
    expect(point('2025-09-13')).toBe(1_017_500n);
    expect(point('2025-09-14')).toBe(1_010_000n);
    // A long time after the send the points are spaced out, at most 120, today last.
    const spaced = seriesDays({ sentAt: SENT_AT, now: new Date('2027-01-01T00:00:00Z') });
    expect(spaced.length).toBeLessThanOrEqual(120);
    expect(spaced.at(-1)).toBe('2027-01-01');
  });

  it('answers null for an appeal that does not exist', async () => {
    expect(await getAppealResults({ appealId: '00000000-0000-0000-0000-000000000000', now: NOW })).toBeNull();
    expect(await getAppealResults({ appealId: 'not-a-uuid', now: NOW })).toBeNull();
  });
});
