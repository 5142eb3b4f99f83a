// RFC 8058 one-click unsubscribe: a GET only shows a confirm page; a bare POST — no cookie, no
// Origin, body "List-Unsubscribe=One-Click", as a mail provider sends it — unsubscribes at once;
// repeating it, or an altered link, changes nothing.
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import Unsubscribe, { action, loader } from '~/routes/email.unsubscribe.$token.tsx';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { directionOf } from '~/platform/i18n.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { signLinkToken } from '~/platform/signed-link.server.ts';
import { unsubscribeLink } from '~/platform/email/unsubscribe-link.server.ts';
import { page } from './remix-react-mock.tsx';
import { args, get, ORIGIN, postForm, unwrap } from '../staff/helpers.ts';

const db = () => getPrisma();

vi.mock('@remix-run/react', () => import('./remix-react-mock.tsx'));

async function donorWithConsent() {
  const donor = await db().donor.create({
    data: { type: 'INDIVIDUAL', displayName: 'Ines', email: `ines-${crypto.randomUUID()}@example.org` },
  });
  await db().donorConsent.create({
    data: {
      donorId: donor.id,
      kind: 'IMPACT_REPORTS',
      isGranted: true,
      wording: 'Email me impact reports',
      locale: 'en',
      source: 'give-form',
    },
  });
  return donor;
}

const linkFor = (donorId: string, kind = 'IMPACT_REPORTS') => signLinkToken({ purpose: 'unsubscribe', claims: { donorId, kind } });
const call = (request: Request, token: string) => ({ ...args(request), params: { token } });
const latest = async (donorId: string) =>
  db().donorConsent.findFirst({ where: { donorId, kind: 'IMPACT_REPORTS' }, orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }] });

function oneClickPost(token: string) {
  return new Request(`${ORIGIN}/email/unsubscribe/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
}

describe('/email/unsubscribe/$token', () => {
  it('shows a confirm page on GET and changes nothing', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    const page = unwrap(await loader(call(get(`/email/unsubscribe/${token}`), token)));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      valid: true,
      kind: 'IMPACT_REPORTS',
      title: expect.stringContaining('Unsubscribe from impact reports'),
    });
    expect((await latest(donor.id))?.isGranted).toBe(true);
  });

  it('unsubscribes at once on a bare one-click POST, and a second POST adds nothing', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    expect(unwrap(await action(call(oneClickPost(token), token)))).toMatchObject({ status: 200, data: { outcome: 'withdrawn' } });
    expect(await latest(donor.id)).toMatchObject({
      isGranted: false,
      source: 'email:one-click',
      wording: 'List-Unsubscribe=One-Click (RFC 8058)',
    });
    expect(unwrap(await action(call(oneClickPost(token), token))).data).toEqual({ outcome: 'already-withdrawn' });
    expect(await db().donorConsent.count({ where: { donorId: donor.id } })).toBe(2);
  });

  it('takes a one-click POST sent as multipart/form-data (RFC 8058 §3.1: SHOULD) for what it is', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const request = new Request(`${ORIGIN}/email/unsubscribe/${token}`, { method: 'POST', body });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(unwrap(await action(call(request, token)))).toMatchObject({ status: 200, data: { outcome: 'withdrawn' } });
    expect(await latest(donor.id)).toMatchObject({
      isGranted: false,
      source: 'email:one-click',
      wording: 'List-Unsubscribe=One-Click (RFC 8058)',
    });
  });

  it('records the confirm page’s button as the page, not as a one-click POST', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    const request = new Request(`${ORIGIN}/email/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(unwrap(await action(call(request, token)))).toMatchObject({ status: 200, data: { outcome: 'withdrawn' } });
    expect(await latest(donor.id)).toMatchObject({ isGranted: false, source: 'email:unsubscribe-page' });
  });

  it('is what the List-Unsubscribe header of an email names', async () => {
    const donor = await donorWithConsent();
    const { url, headers } = unsubscribeLink({ donorId: donor.id, kind: 'IMPACT_REPORTS', appOrigin: 'https://funding.example.org' });
    expect(headers).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    const token = url.split('/email/unsubscribe/')[1]!;
    expect(url).toMatch(/^https:\/\/funding\.example\.org\/email\/unsubscribe\/[\w-]+\.[\w-]+$/);
    expect(unwrap(await action(call(oneClickPost(token), token))).data).toEqual({ outcome: 'withdrawn' });
  });

  it('records the words of the confirm page when the donor presses its button, in their language', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    const request = postForm(`/email/unsubscribe/${token}?lng=fr`, {});
    request.headers.set('Accept-Language', 'fr');
    await action(call(request, token));
    const row = await latest(donor.id);
    expect(row).toMatchObject({ isGranted: false, source: 'email:unsubscribe-page' });
    expect(row?.wording).toContain('[');
  });

  it('refuses an altered link, another kind of link and an unknown donor, changing nothing', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    const altered = `${token.slice(0, -3)}abc`;
    const before = await db().donorConsent.count();
    expect(unwrap(await loader(call(get(`/email/unsubscribe/${altered}`), altered))).status).toBe(404);
    expect(unwrap(await action(call(oneClickPost(altered), altered))).status).toBe(404);
    const report = signLinkToken({ purpose: 'impact-report', claims: { donorId: donor.id, kind: 'IMPACT_REPORTS' } });
    expect(unwrap(await action(call(oneClickPost(report), report))).status).toBe(404);
    const strange = linkFor(donor.id, 'RECEIPTS');
    expect(unwrap(await action(call(oneClickPost(strange), strange))).status).toBe(404);
    const nobody = linkFor(crypto.randomUUID());
    expect(unwrap(await action(call(oneClickPost(nobody), nobody))).status).toBe(404);
    expect(await db().donorConsent.count()).toBe(before);
  });

  it('renders each state in Arabic, right to left, with one heading and the button or a status', async () => {
    const donor = await donorWithConsent();
    const token = linkFor(donor.id);
    const arabic = (request: Request) => (request.headers.set('Cookie', 'lng=ar'), request);
    page.data = unwrap(await loader(call(arabic(get(`/email/unsubscribe/${token}?lng=ar`)), token))).data;
    page.action = undefined;
    const confirm = render();
    expect(confirm).toContain('<h1 id="unsubscribe-title">إلغاء الاشتراك في تقارير الأثر</h1>');
    expect(confirm).toMatch(/<form method="post"><button type="submit" class="button">إلغاء الاشتراك<\/button>/);
    page.action = unwrap(await action(call(oneClickPost(token), token))).data;
    expect(render()).toContain('role="status">لن تتلقى منا أي تقارير الأثر');
    page.data = unwrap(await loader(call(get('/email/unsubscribe/x.y?lng=ar'), 'x.y'))).data;
    const invalid = render();
    expect(invalid).toContain('role="alert"');
    expect([...invalid.matchAll(/<h1/g)]).toHaveLength(1);
  });
});

function render() {
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
      <div dir={directionOf('ar')}>
        <Unsubscribe />
      </div>
    </I18nextProvider>,
  );
}
