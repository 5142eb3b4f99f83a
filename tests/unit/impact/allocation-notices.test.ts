// Allocation notices (issue #13 item 3): when staff allocate pool money, each donor whose money
// moved gets one short email per UTC day naming each project and their part — never one per
// allocation row; a rerun queues nothing; a donor without an address, erased or never consenting gets nothing; a
// donor who withdrew consent after queueing is skipped by the outbox at send time. Decisions are
// backdated to fixed days (pool_allocations is append-only, so with triggers off for that write).
import { render } from '@react-email/render';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AllocationNoticeEmail, { allocationNoticeText } from '../../../emails/allocation-notice.tsx';
import { emailRenderer, renderEmail } from '~/email-templates.server.ts';
import { completeDaysBefore, queueAllocationNotices } from '~/impact/allocation-notice-commands.server.ts';
import { allocationNoticeIdempotencyKey } from '~/impact/allocation-notice-queries.server.ts';
import { sendAllocationNoticesTask } from '~/impact/allocation-notices-task.server.ts';
import { withdrawConsent } from '~/ledger/consent-commands.server.ts';
import { allocatePoolMoney } from '~/ledger/pool-allocation-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { drainOutbox } from '~/platform/email/send-email-batch.server.ts';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { runJobsOnce } from '../run-jobs-once.ts';

const db = () => getPrisma();
const six = (en: string, ar: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar });
const DAY_1 = '2025-02-10';
const DAY_2 = '2025-02-11';

let fake: ResendFake;
let staffUserId: string;
let programmeId: string;
let courts: string;
let prisons: string;
const donors: Record<'amina' | 'omar' | 'noAddress' | 'erased' | 'neverAsked', string> = {
  amina: '',
  omar: '',
  noAddress: '',
  erased: '',
  neverAsked: '',
};

async function project(code: string, title: ReturnType<typeof six>, countryCode: string | null) {
  const created = await db().project.create({
    data: {
      code,
      programmeId,
      title,
      description: title,
      countryCode,
      regionCode: countryCode ? '014' : '001',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date('2025-01-01T00:00:00Z'),
      endDate: new Date('2025-12-31T00:00:00Z'),
    },
  });
  await db().projectRequirement.create({ data: { projectId: created.id, year: 2025, usdMinor: 10_000_000n } });
  return created.id;
}

/** A donor with a 100.00 USD gift to the programme, consenting to impact reports. */
async function donorWithProgrammeGift(name: string, options: { email: string | null; locale?: string; consents?: boolean }) {
  const donor = await db().donor.create({
    data: { type: 'INDIVIDUAL', displayName: name, email: options.email, locale: options.locale ?? 'en' },
  });
  if (options.consents !== false)
    await db().donorConsent.create({
      data: {
        donorId: donor.id,
        kind: 'IMPACT_REPORTS',
        isGranted: true,
        wording: 'Email me impact reports',
        locale: 'en',
        source: 'test',
      },
    });
  await db().payment.create({
    data: {
      donorId: donor.id,
      method: 'BANK_TRANSFER',
      provider: 'BANK',
      providerPaymentId: `notice-${donor.id}`,
      currency: 'USD',
      amountMinor: 10_000n,
      usdRate: '1',
      usdMinor: 10_000n,
      earmarkType: 'PROGRAMME',
      programmeId,
      receivedAt: new Date('2025-01-05T00:00:00Z'),
    },
  });
  return donor.id;
}

/** Staff allocate from the programme pool; the decision is then dated `at` (a fixed day). */
async function allocateOn(at: string, projectId: string, usdMinor: bigint) {
  const { poolAllocation } = await allocatePoolMoney({ staffUserId, pool: 'PROGRAMME', programmeId, projectId, year: 2025, usdMinor });
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRaw`UPDATE pool_allocations SET "createdAt" = ${new Date(at)} WHERE id = ${poolAllocation.id}::uuid`;
  });
}

const noticesOf = (donorId: string) =>
  db().emailOutbox.findMany({ where: { donorId, template: 'allocation-notice' }, orderBy: { idempotencyKey: 'asc' } });

beforeAll(async () => {
  fake = await startResendFake({ apiKey: 're_test_notices' });
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_test_notices';
  staffUserId = (await db().staffUser.create({ data: { email: 'finance-notices@example.org', name: 'Finance', roles: ['FINANCE'] } })).id;
  programmeId = (await db().programme.create({ data: { slug: 'notices', code: 'NOTE', title: six('N', 'N'), mandate: six('N', 'N') } })).id;
  courts = await project('NOTE1', six('Courts against trafficking', 'محاكم لمكافحة الاتجار'), 'KE');
  prisons = await project('NOTE2', six('Safer prisons', 'سجون أكثر أمانًا'), null);
  const unique = crypto.randomUUID();
  donors.amina = await donorWithProgrammeGift('Amina Haddad', { email: `amina-${unique}@example.org` });
  donors.omar = await donorWithProgrammeGift('Omar Farouk', { email: `omar-${unique}@example.org`, locale: 'ar' });
  donors.noAddress = await donorWithProgrammeGift('No Address', { email: null });
  donors.erased = await donorWithProgrammeGift('Erased', { email: `erased-${unique}@example.org` });
  await db().donor.update({ where: { id: donors.erased }, data: { erasedAt: new Date('2025-02-01T00:00:00Z') } });
  donors.neverAsked = await donorWithProgrammeGift('Never Asked', { email: `never-${unique}@example.org`, consents: false });
  await refreshFundingSummaries();
});
afterAll(() => fake.close());

describe('allocation notices', () => {
  it('sends one email per donor for a day of two allocations, naming both projects and their parts', async () => {
    // Five equal gifts: 100.00 to the courts gives 20.00 from each, 50.00 to the prisons 10.00 from each.
    await allocateOn(`${DAY_1}T09:00:00Z`, courts, 10_000n);
    await allocateOn(`${DAY_1}T16:30:00Z`, prisons, 5_000n);
    expect(await queueAllocationNotices({ day: DAY_1, pageSize: 1 })).toBe(2);

    const [notice] = await noticesOf(donors.amina);
    expect(await noticesOf(donors.amina)).toHaveLength(1);
    expect(notice).toMatchObject({
      idempotencyKey: allocationNoticeIdempotencyKey({ donorId: donors.amina, day: DAY_1 }),
      consentKind: 'IMPACT_REPORTS',
      locale: 'en',
      status: 'PENDING',
    });
    expect(notice?.idempotencyKey).toBe(`allocation-notice:${donors.amina}:2025-02-10`);
    const email = await renderEmail({ template: 'allocation-notice', locale: notice!.locale, props: notice!.props });
    expect(email.subject).toBe('Your gift at work: allocated on February 10, 2025');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Courts against trafficking — Kenya');
      expect(part).toContain('Safer prisons — Global');
      expect(part).toContain('$20.00');
      expect(part).toContain('$10.00');
      expect(part).toContain('$30.00');
      expect(part).toContain('Vienna International Centre');
    }
    expect(email.text).toContain('See the project: Courts against trafficking — Kenya — http://localhost:3000/projects/NOTE1');
    expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.text).toContain(`Unsubscribe from impact reports: ${email.headers?.['List-Unsubscribe']?.slice(1, -1)}`);
    expect(email.text).toMatch(/Choose how often you receive reports: http:\/\/localhost:3000\/email\/preferences\//);

    const arabic = await noticesOf(donors.omar);
    expect(arabic).toHaveLength(1);
    const inArabic = await renderEmail({ template: 'allocation-notice', locale: arabic[0]!.locale, props: arabic[0]!.props });
    expect(inArabic.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(inArabic.html).toContain('محاكم لمكافحة الاتجار');

    expect(await noticesOf(donors.noAddress)).toHaveLength(0);
    expect(await noticesOf(donors.erased)).toHaveLength(0);
    // never consented to reports: not queued at all (the outbox would only skip it)
    expect(await noticesOf(donors.neverAsked)).toHaveLength(0);
  });

  it("queues the next day's allocation as another email, and a rerun of either day queues nothing", async () => {
    await allocateOn(`${DAY_2}T23:59:59Z`, courts, 5_000n);
    expect(await queueAllocationNotices({ day: DAY_2 })).toBe(2);
    const both = await noticesOf(donors.amina);
    expect(both.map((row) => row.idempotencyKey)).toEqual([
      `allocation-notice:${donors.amina}:${DAY_1}`,
      `allocation-notice:${donors.amina}:${DAY_2}`,
    ]);
    const second = await renderEmail({ template: 'allocation-notice', locale: 'en', props: both[1]!.props });
    expect(second.text).toContain('Courts against trafficking — Kenya: $10.00');
    expect(second.text).not.toContain('Safer prisons');

    expect(await queueAllocationNotices({ day: DAY_1 })).toBe(0);
    expect(await queueAllocationNotices({ day: DAY_2 })).toBe(0);
    expect(await queueAllocationNotices({ day: '2025-02-12' })).toBe(0);
    expect(await noticesOf(donors.amina)).toHaveLength(2);
    // the outbox's one send-email job drains them (decision 036): reruns add no job either
    const jobs = await db().$queryRaw<{ count: bigint }[]>`
      SELECT count(*)::bigint AS count FROM graphile_worker.jobs WHERE task_identifier = 'send-email'`;
    expect(jobs[0]?.count).toBe(1n);
  });

  it('sends to a donor who still consents, and the outbox skips one who withdrew after the notice was queued', async () => {
    const [amina] = await noticesOf(donors.amina);
    const [omar] = await noticesOf(donors.omar);
    await withdrawConsent({
      donorId: donors.omar,
      kind: 'IMPACT_REPORTS',
      wording: 'List-Unsubscribe=One-Click (RFC 8058)',
      locale: 'ar',
      source: 'email:one-click',
    });
    await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000 });
    const sent = fake.messages();
    expect(sent).toContainEqual(expect.objectContaining({ to: [amina!.toAddress], subject: expect.stringContaining('February 10, 2025') }));
    expect(sent.filter((message) => message.to.includes(omar!.toAddress))).toEqual([]);
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: amina!.id } })).toMatchObject({ status: 'SENT' });
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: omar!.id } })).toMatchObject({
      status: 'SKIPPED',
      lastError: 'no IMPACT_REPORTS consent at send time',
    });
  });

  it('runs as the worker task for a day named in its payload', async () => {
    await allocateOn('2025-02-14T12:00:00Z', prisons, 2_000n);
    await db().$executeRaw`SELECT graphile_worker.add_job('send-allocation-notices', json_build_object('day', '2025-02-14'))`;
    await runJobsOnce({ 'send-allocation-notices': sendAllocationNoticesTask });
    const keys = (await noticesOf(donors.amina)).map((row) => row.idempotencyKey);
    expect(keys).toContain(`allocation-notice:${donors.amina}:2025-02-14`);
    expect(keys).toHaveLength(3);
  });

  it('renders its preview (the react-email dev server) with a total under two projects', async () => {
    const html = await render(createElement(AllocationNoticeEmail, AllocationNoticeEmail.PreviewProps));
    const text = allocationNoticeText(AllocationNoticeEmail.PreviewProps);
    for (const part of [html, text]) {
      expect(part).toContain('Dear Amina Haddad,');
      expect(part).toContain('$200.00');
    }
    expect(text).toContain('In all: $200.00');
  });

  it('reads the last complete UTC days before the cron tick, never today', () => {
    expect(completeDaysBefore(new Date('2025-02-12T00:20:00Z'), 3)).toEqual(['2025-02-09', '2025-02-10', '2025-02-11']);
    expect(completeDaysBefore(new Date('2025-03-01T23:59:59Z'), 1)).toEqual(['2025-02-28']);
  });
});
