// "My data" (issue #14 item 8, decision 042): a donor's export holds what the portal knows about
// them, and erasure removes what identifies them while every financial fact stays — the public
// figures (IATI files, programme and project APIs, contribution totals) are byte-identical before
// and after, the ledger check passes, and the append-only tables still refuse any other change.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { donorDataCsv, donorDataJson, exportDonorData } from '~/account/donor-data-export-queries.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { DonorErasureError, eraseDonor } from '~/ledger/donor-erasure-commands.server.ts';
import { recordReversal } from '~/ledger/payment-commands.server.ts';
import { toUsdMinor } from '~/platform/money.ts';
import { verifyFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { loader as activitiesLoader } from '~/routes/iati.activities[.]xml.ts';
import { loader as organisationLoader } from '~/routes/iati.organisation[.]xml.ts';
import { loader as programmesLoader } from '~/routes/api.v1.programmes.ts';
import { loader as projectsLoader } from '~/routes/api.v1.projects.ts';
import { loader as contributionsLoader } from '~/routes/api.v1.contributions.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { runCommandScript } from '../run-command.ts';

const db = getPrisma();

async function publicText(loader: typeof activitiesLoader, path: string): Promise<string> {
  const response = (await loader({ request: new Request(`http://localhost${path}`), params: {}, context: { cspNonce: 't' } })) as Response;
  expect(response.status).toBe(200);
  return response.text();
}

/** What the public can read: byte for byte, except the contributions list (whose named rows may change), by its totals. */
async function publicFigures() {
  const contributions = JSON.parse(await publicText(contributionsLoader, '/api/v1/contributions')) as { items: Record<string, unknown>[] };
  const totals: Record<string, number> = {};
  for (const item of contributions.items)
    for (const [key, value] of Object.entries(item))
      if (key.endsWith('UsdMinor') && typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
  expect(Object.keys(totals).length).toBeGreaterThan(0);
  return {
    activities: await publicText(activitiesLoader, '/iati/activities.xml'),
    organisation: await publicText(organisationLoader, '/iati/organisation.xml'),
    programmes: await publicText(programmesLoader, '/api/v1/programmes'),
    projects: await publicText(projectsLoader, '/api/v1/projects'),
    contributionTotals: totals,
  };
}

/** A demo donor who gave (several payments, one refunded in part) and can be written to. */
async function givingDonor() {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM donors d JOIN payments p ON p."donorId" = d.id
    WHERE d.type = 'INDIVIDUAL' AND d.email IS NOT NULL AND NOT d."isAnonymous"
    GROUP BY d.id HAVING COUNT(*) >= 2 ORDER BY d.id LIMIT 1`;
  return db.donor.findUniqueOrThrow({ where: { id: row!.id } });
}

let donor: Awaited<ReturnType<typeof givingDonor>>;
let adminEmail: string;

beforeAll(async () => {
  await seedDemoData({ db });
  donor = await givingDonor();
  const payment = await db.payment.findFirstOrThrow({ where: { donorId: donor.id }, orderBy: { receivedAt: 'asc' } });
  await db.$transaction((tx) =>
    recordReversal({
      db: tx,
      payment,
      kind: 'REFUND',
      providerReversalId: `re_test_${donor.id}`,
      amountMinor: 100n,
      usdMinor: toUsdMinor({ amountMinor: 100n, currency: payment.currency, usdRate: payment.usdRate.toString() }),
      reason: 'requested by the donor',
    }),
  );
  const emailRow = await db.emailOutbox.create({
    data: {
      template: 'sign-in-link',
      toAddress: donor.email!,
      locale: 'en',
      props: { name: donor.displayName },
      idempotencyKey: `t:${donor.id}`,
      donorId: donor.id,
    },
  });
  await db.emailEvent.create({
    data: { id: `msg_${donor.id}`, type: 'email.delivered', emailId: emailRow.id, payload: { to: [donor.email] } },
  });
  await db.loginToken.create({
    data: { tokenHash: `hash-${donor.id}`, email: donor.email!, donorId: donor.id, expiresAt: new Date(Date.now() + 600_000) },
  });
  await db.session.create({ data: { tokenHash: `session-${donor.id}`, donorId: donor.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  const pledge = await db.pledge.findFirstOrThrow({ where: { donorId: donor.id } });
  // What the give form stores with a pledge (the demo seed writes profiles directly).
  await db.pledgeDonorDetails.create({
    data: {
      pledgeId: pledge.id,
      type: donor.type,
      displayName: donor.displayName,
      givenName: 'Laila',
      familyName: 'Haddad',
      organisationName: 'Haddad Family Fund',
      organisationId: 'TAX-123',
      countryCode: donor.countryCode,
      locale: donor.locale,
      isAnonymous: false,
    },
  });
  // A dedication names someone: erasure must blank it (the only change the pledges table allows).
  await db.$executeRaw`ALTER TABLE pledges DISABLE TRIGGER pledges_erasure_only`;
  await db.$executeRaw`UPDATE pledges SET dedication = 'In memory of Grandmother Laila' WHERE id = ${pledge.id}::uuid`;
  await db.$executeRaw`ALTER TABLE pledges ENABLE TRIGGER pledges_erasure_only`;
  adminEmail = `admin-${donor.id.slice(0, 8)}@example.org`;
  await db.staffUser.create({ data: { email: adminEmail, name: 'Admin', roles: ['ADMIN'] } });
  await db.staffUser.create({ data: { email: `finance-${donor.id.slice(0, 8)}@example.org`, name: 'Finance', roles: ['FINANCE'] } });
});

describe('the export', () => {
  it('holds the profile, consents, pledges, payments with reversals, and emails; the CSV lists every movement', async () => {
    const data = (await exportDonorData({ db, donorId: donor.id, now: new Date('2026-01-01T00:00:00Z') }))!;
    expect(data.donor).toMatchObject({ id: donor.id, email: donor.email, displayName: donor.displayName });
    const payments = await db.payment.findMany({ where: { donorId: donor.id }, include: { reversals: true } });
    expect(data.payments).toHaveLength(payments.length);
    expect(data.pledges.some((pledge) => pledge.dedication === 'In memory of Grandmother Laila')).toBe(true);
    const sumMinor = (values: string[]) => values.reduce((sum, value) => sum + BigInt(value), 0n);
    expect(sumMinor(data.payments.map((payment) => payment.usd.minor))).toBe(payments.reduce((sum, p) => sum + p.usdMinor, 0n));
    expect(data.emails).toEqual([expect.objectContaining({ template: 'sign-in-link', status: 'PENDING' })]);
    const json = JSON.parse(donorDataJson(data)) as { exportedAt: string };
    expect(json.exportedAt).toBe('2026-01-01T00:00:00.000Z');

    const csv = donorDataCsv(data)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('date,kind,pledge,method,currency,amount,amount_minor,usd,usd_minor');
    const reversals = payments.flatMap((payment) => payment.reversals);
    expect(csv).toHaveLength(1 + payments.length + reversals.length);
    expect(csv.filter((line) => line.includes(',REFUND,'))).toHaveLength(reversals.filter((reversal) => reversal.kind === 'REFUND').length);
    expect(csv.some((line) => line.includes(',REFUND,') && line.includes(',-100,'))).toBe(true); // this file's refund of 1.00
    const usdColumn = csv.slice(1).map((line) => BigInt(line.split(',').at(-1)!));
    const net = payments.reduce((sum, p) => sum + p.usdMinor - p.reversals.reduce((r, x) => r + x.usdMinor, 0n), 0n);
    expect(usdColumn.reduce((sum, value) => sum + value, 0n)).toBe(net);
  });

  it('has a command-line twin that prints the same JSON or CSV, and refuses an unknown donor', async () => {
    const json = await runCommandScript('scripts/donor-data.ts', ['export', '--email', donor.email!.toUpperCase()]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { donor: { id: string } }).donor.id).toBe(donor.id);
    const csv = await runCommandScript('scripts/donor-data.ts', ['export', '--donor', donor.id, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('date,kind,pledge,method,currency,amount,amount_minor,usd,usd_minor');
    const unknown = await runCommandScript('scripts/donor-data.ts', ['export', '--email', 'nobody@example.org']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no donor nobody@example.org') });
  });
});

describe('erasure', () => {
  it('refuses while a monthly gift can still be charged, changing nothing', async () => {
    const pledge = await db.pledge.findFirstOrThrow({ where: { donorId: donor.id } });
    const session = await db.checkoutSession.create({
      data: { pledgeId: pledge.id, stripeSessionId: `cs_test_${donor.id}`, status: 'complete', subscriptionStatus: 'active' },
    });
    await expect(db.$transaction((tx) => eraseDonor({ db: tx, donorId: donor.id, actor: { kind: 'donor' } }))).rejects.toMatchObject({
      code: 'activeMonthlyGift',
    });
    expect(await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).toMatchObject({ email: donor.email, erasedAt: null });
    await db.checkoutSession.update({ where: { id: session.id }, data: { subscriptionStatus: 'canceled' } });
  });

  it('is refused to anyone but an administrator on the command line', async () => {
    const finance = await runCommandScript('scripts/donor-data.ts', [
      'erase',
      '--donor',
      donor.id,
      '--staff',
      `finance-${donor.id.slice(0, 8)}@example.org`,
    ]);
    expect(finance).toMatchObject({ code: 1, stderr: expect.stringContaining('is not an active administrator') });
    expect((await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).erasedAt).toBeNull();
  });

  it('blanks what identifies the donor, keeps every financial fact, and leaves the public figures byte-identical', async () => {
    const before = await publicFigures();
    const money = async () => ({
      payments: await db.payment.findMany({ where: { donorId: donor.id }, orderBy: { id: 'asc' } }),
      pledges: await db.pledge.findMany({ where: { donorId: donor.id }, orderBy: { id: 'asc' }, omit: { dedication: true } }),
      reversals: await db.reversal.findMany({ where: { payment: { donorId: donor.id } }, orderBy: { id: 'asc' } }),
      allocations: await db.allocation.count({ where: { payment: { donorId: donor.id } } }),
    });
    const factsBefore = await money();

    const erase = await runCommandScript('scripts/donor-data.ts', ['erase', '--email', donor.email!, '--staff', adminEmail]);
    expect(erase.code).toBe(0);
    expect(JSON.parse(erase.stdout)).toMatchObject({ donorId: donor.id, erased: true, pledges: factsBefore.pledges.length, emails: 1 });

    expect(await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).toMatchObject({
      email: null,
      displayName: '',
      givenName: null,
      familyName: null,
      organisationName: null,
      organisationId: null,
      isAnonymous: true,
      impactReportFrequency: 'NONE',
      erasedAt: expect.any(Date),
    });
    expect(await db.pledge.count({ where: { donorId: donor.id, dedication: { not: null } } })).toBe(0);
    const details = await db.pledgeDonorDetails.findMany({ where: { pledge: { donorId: donor.id } } });
    expect(details).toEqual([
      expect.objectContaining({ displayName: '', givenName: null, familyName: null, organisationName: null, organisationId: null }),
    ]);
    expect(await db.emailOutbox.findMany({ where: { donorId: donor.id } })).toEqual([
      expect.objectContaining({ status: 'SKIPPED', skipReason: 'SUPPRESSED', toAddress: '', props: {} }),
    ]);
    expect(await db.emailEvent.findUniqueOrThrow({ where: { id: `msg_${donor.id}` } })).toMatchObject({ payload: {} });
    expect(await db.loginToken.count({ where: { donorId: donor.id } })).toBe(0);
    expect(await db.session.findFirstOrThrow({ where: { donorId: donor.id } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await db.emailSuppression.findUniqueOrThrow({ where: { address: donor.email! } })).toMatchObject({ reason: 'ERASED' });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'donor.erased', entityId: donor.id } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(donor.email!);
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(donor.displayName);

    expect(await money()).toEqual(factsBefore);
    expect(await publicFigures()).toEqual(before);
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    expect(await checkLedger({ db })).toEqual([]);
    const exported = (await exportDonorData({ db, donorId: donor.id }))!;
    expect(JSON.stringify(exported)).not.toContain(donor.email!);
    expect(JSON.stringify(exported)).not.toContain('Grandmother Laila');
  });

  it('is idempotent: a second request changes nothing', async () => {
    const again = await db.$transaction((tx) => eraseDonor({ db: tx, donorId: donor.id, actor: { kind: 'donor' } }));
    expect(again).toMatchObject({ erased: false, pledges: 0, emails: 0 });
    expect(await db.auditLog.count({ where: { action: 'donor.erased', entityId: donor.id } })).toBe(1);
  });

  it('leaves the append-only tables refusing every other change', async () => {
    const pledge = await db.pledge.findFirstOrThrow({ where: { donorId: donor.id, donorDetails: { isNot: null } } });
    await expect(db.$executeRaw`UPDATE pledges SET "amountMinor" = "amountMinor" + 1 WHERE id = ${pledge.id}::uuid`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`UPDATE pledges SET dedication = 'new words' WHERE id = ${pledge.id}::uuid`).rejects.toThrow(
      /may only be blanked/,
    );
    await expect(
      db.$executeRaw`UPDATE pledge_donor_details SET "displayName" = 'Someone' WHERE "pledgeId" = ${pledge.id}::uuid`,
    ).rejects.toThrow(/may only be blanked/);
    await expect(db.$executeRaw`DELETE FROM pledge_donor_details WHERE "pledgeId" = ${pledge.id}::uuid`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM pledges WHERE id = ${pledge.id}::uuid`).rejects.toThrow(/append-only/);
    expect(DonorErasureError).toBeDefined();
  });
});
