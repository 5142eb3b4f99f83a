// Tracked links of an appeal (issue #15 item 5, docs/decisions/050): an email naming its recipient
// links each block through /a/<signed token>; following it records one click and sets the
// attribution cookie, and a pledge of that appeal made with the cookie names the recipient. An
// altered token records nothing; a cookie from another appeal is ignored; a preview keeps plain
// links; a HEAD (link checkers) and a client over its limit are sent on without a click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { clickLimiter, CLICK_LIMIT_PER_IP } from '~/appeals/appeal-click-limit.server.ts';
import { renderEmail } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { locales } from '~/platform/i18n.ts';
import { resetGiveRateLimit } from '~/routes/give._index/give-action.server.ts';
import { action as giveAction } from '~/routes/give._index/route.tsx';
import { loader as linkLoader } from '~/routes/a.$token.tsx';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { createDonor, createProject } from '../impact/impact-report-fixture.ts';

const db = getPrisma();
const ORIGIN = 'http://localhost:3000';
let appealId: string;
let otherAppealId: string;
let donorId: string;
let strangerId: string;
let recipientId: string;
let otherRecipientId: string;

async function sentAppeal(code: string, staffUserId: string, projectId: string): Promise<string> {
  const texts = { title: `Title ${code}`, subject: `Subject ${code}`, preheader: '', intro: 'Please give.' };
  const saved = await saveAppealDraft({
    draft: {
      code,
      goalUsdMinor: 1_000_000n,
      segmentId: null,
      fallbackLocale: 'en',
      texts: Object.fromEntries(locales.map((locale) => [locale, texts])),
      blocks: [{ kind: 'project', id: projectId }],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  await db.appeal.update({ where: { id: saved.id }, data: { status: 'SENT', sentAt: new Date('2026-03-01T09:00:00Z') } });
  return saved.id;
}

/** The tracked link of the first block in the email `donorId` is sent. */
async function linkIn(appeal: string, donor: string | null): Promise<string> {
  const email = await renderEmail({ template: 'appeal', locale: 'en', props: { appealId: appeal, donorId: donor } });
  const match = /href="([^"]*(?:\/a\/|\/give\?)[^"]*)"/.exec(email.html);
  if (!match?.[1]) throw new Error('no block link in the email');
  return match[1].replaceAll('&amp;', '&');
}

async function follow(url: string, { method = 'GET', ip = '203.0.113.5' }: { method?: string; ip?: string } = {}) {
  const path = new URL(url).pathname;
  const token = path.split('/').pop() ?? '';
  const request = new Request(`${ORIGIN}${path}`, { method });
  try {
    const result = await linkLoader({ request, params: { token }, context: { cspNonce: 't', clientIp: ip } });
    if (result instanceof Response) return { status: result.status, headers: result.headers };
    const init = (result as unknown as { init: ResponseInit | null }).init;
    return { status: init?.status ?? 200, headers: new Headers(init?.headers) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers };
    throw thrown;
  }
}

const clicks = () => db.appealClick.count();

function giveWith(cookie: string | null, appeal: string) {
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN });
  if (cookie) headers.set('Cookie', cookie);
  const body = new URLSearchParams({
    amount: '25',
    currency: 'USD',
    frequency: 'once',
    method: 'bank_transfer',
    earmark: 'project',
    project: 'LNK001',
    appeal,
    donorType: 'individual',
    givenName: 'Lina',
    familyName: 'Haddad',
    email: 'lina.links@example.org',
  });
  const request = new Request(`${ORIGIN}/give`, { method: 'POST', headers, body: body.toString() });
  return giveAction({ request, params: {}, context: { cspNonce: 't', clientIp: '198.51.100.40' } }) as Promise<Response>;
}

const cookieOf = (headers: Headers) => (headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';

beforeAll(async () => {
  const staff = await createStaff({ email: 'links@example.org', name: 'Links', roles: ['RESOURCE_MOBILIZATION'] });
  const project = await createProject('LNK001');
  appealId = await sentAppeal('links-spring', staff.id, project.id);
  otherAppealId = await sentAppeal('links-autumn', staff.id, project.id);
  donorId = (await createDonor({ name: 'Recipient' })).id;
  strangerId = (await createDonor({ name: 'Stranger' })).id;
  recipientId = (await db.appealRecipient.create({ data: { appealId, donorId } })).id;
  otherRecipientId = (await db.appealRecipient.create({ data: { appealId: otherAppealId, donorId } })).id;
  await clickLimiter().reset();
  await resetGiveRateLimit();
});

afterAll(async () => {
  await clickLimiter().reset();
});

describe('tracked links of an appeal', () => {
  it('links through /a/<token> in an email to a donor, and plainly in a preview or a test', async () => {
    expect(await linkIn(appealId, donorId)).toMatch(/^http:\/\/[^/]+\/a\/[\w-]+\.[\w-]+$/);
    expect(await linkIn(appealId, null)).toMatch(/\/give\?appeal=links-spring&project=LNK001$/);
    const text = (await renderEmail({ template: 'appeal', locale: 'en', props: { appealId, donorId } })).text;
    expect(text).not.toContain('/give?');
    expect(text).toMatch(/\/a\/[\w-]+\.[\w-]+/);
  });

  it('records a click, sets a signed HttpOnly Lax cookie for 30 days, and sends the reader to /give with the appeal and the project', async () => {
    const before = await clicks();
    const answer = await follow(await linkIn(appealId, donorId));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe('/give?appeal=links-spring&project=LNK001');
    expect(answer.headers.get('Cache-Control')).toBe('private, no-store');
    expect(answer.headers.get('Referrer-Policy')).toBe('no-referrer');
    const cookie = answer.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^appeal_ref=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toContain(recipientId); // signed and encoded, not a bare id anyone could type
    expect(await clicks()).toBe(before + 1);
    const row = await db.appealClick.findFirstOrThrow({ where: { recipientId }, orderBy: { clickedAt: 'desc' } });
    expect(row).toMatchObject({ appealId, target: '/give?appeal=links-spring&project=LNK001' });
    // A second click is a second row: clicks are appended.
    await follow(await linkIn(appealId, donorId));
    expect(await clicks()).toBe(before + 2);
  });

  it('refuses an altered token with a page, and records nothing', async () => {
    const url = await linkIn(appealId, donorId);
    const [body = '', mac = ''] = (new URL(url).pathname.split('/').pop() ?? '').split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, string>;
    // Another donor's id (or another block) under the same signature.
    const forged = Buffer.from(JSON.stringify({ ...claims, donorId: strangerId }), 'utf8').toString('base64url');
    const before = await clicks();
    for (const token of [`${forged}.${mac}`, `${body}.${mac.slice(0, -2)}AA`, 'nonsense', `${body}`]) {
      const answer = await follow(`${ORIGIN}/a/${token}`);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('Set-Cookie')).toBeNull();
      expect(answer.headers.get('Location')).toBeNull();
    }
    expect(await clicks()).toBe(before);
  });

  it('sends a HEAD on without a click or a cookie, and a client over its limit without a click', async () => {
    const url = await linkIn(appealId, donorId);
    const before = await clicks();
    const head = await follow(url, { method: 'HEAD' });
    expect(head.status).toBe(303);
    expect(head.headers.get('Set-Cookie')).toBeNull();
    expect(await clicks()).toBe(before);
    for (let index = 0; index < CLICK_LIMIT_PER_IP; index += 1) await follow(url, { ip: '203.0.113.99' });
    expect(await clicks()).toBe(before + CLICK_LIMIT_PER_IP);
    const over = await follow(url, { ip: '203.0.113.99' });
    expect(over.status).toBe(303);
    expect(over.headers.get('Location')).toBe('/give?appeal=links-spring&project=LNK001');
    expect(await clicks()).toBe(before + CLICK_LIMIT_PER_IP);
  });

  it('names the recipient on a pledge of the same appeal made with the cookie', async () => {
    const cookie = cookieOf((await follow(await linkIn(appealId, donorId))).headers);
    const answer = await giveWith(cookie, 'links-spring');
    expect(answer.status).toBe(303);
    const pledge = await db.pledge.findFirstOrThrow({ where: { appealId }, orderBy: { pledgedAt: 'desc' } });
    expect(pledge.appealRecipientId).toBe(recipientId);
  });

  it("ignores another appeal's cookie, a forged cookie and no cookie", async () => {
    const otherCookie = cookieOf((await follow(await linkIn(otherAppealId, donorId))).headers);
    const forged = `appeal_ref=${encodeURIComponent(Buffer.from(JSON.stringify(recipientId)).toString('base64'))}`;
    for (const cookie of [otherCookie, forged, null]) {
      const answer = await giveWith(cookie, 'links-spring');
      expect(answer.status).toBe(303);
      const pledge = await db.pledge.findFirstOrThrow({ where: { appealId }, orderBy: { pledgedAt: 'desc' } });
      expect(pledge.appealRecipientId).toBeNull();
    }
    expect(await db.pledge.count({ where: { appealRecipientId: otherRecipientId } })).toBe(0);
  });

  it('sends a donor who is no recipient of the appeal on, without a click or a cookie', async () => {
    const before = await clicks();
    const answer = await follow(await linkIn(appealId, strangerId));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Set-Cookie')).toBeNull();
    expect(await clicks()).toBe(before);
  });
});
