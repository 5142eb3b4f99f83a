// The signed email preferences page: a donor chooses how often impact reports come. The link is
// the authority; an altered link, another purpose's link, an erased or unknown donor and a choice
// that is not on the list change nothing.
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import EmailPreferences, { action, loader } from '~/routes/email.preferences.$token.tsx';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { directionOf } from '~/platform/i18n.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { signLinkToken } from '~/platform/signed-link.server.ts';
import { preferencesLink } from '~/platform/email/unsubscribe-link.server.ts';
import { page } from './remix-react-mock.tsx';
import { args, get, postForm, unwrap } from '../staff/helpers.ts';

const db = () => getPrisma();

vi.mock('@remix-run/react', () => import('./remix-react-mock.tsx'));

const newDonor = () =>
  db().donor.create({ data: { type: 'INDIVIDUAL', displayName: 'Noor', email: `noor-${crypto.randomUUID()}@example.org` } });
const tokenOf = (url: string) => url.split('/email/preferences/')[1]!;
const call = (request: Request, token: string) => ({ ...args(request), params: { token } });
const frequencyOf = async (donorId: string) => (await db().donor.findUniqueOrThrow({ where: { id: donorId } })).impactReportFrequency;

describe('/email/preferences/$token', () => {
  it('shows the current choice (quarterly by default) and saves a new one', async () => {
    const donor = await newDonor();
    const url = preferencesLink({ donorId: donor.id, appOrigin: 'https://funding.example.org' });
    expect(url).toMatch(/^https:\/\/funding\.example\.org\/email\/preferences\/[\w-]+\.[\w-]+$/);
    const token = tokenOf(url);
    const shown = unwrap(await loader(call(get(`/email/preferences/${token}`), token)));
    expect(shown).toMatchObject({ status: 200, data: { valid: true, frequency: 'QUARTERLY' } });
    const saved = unwrap(await action(call(postForm(`/email/preferences/${token}`, { frequency: 'ANNUAL' }), token)));
    expect(saved).toMatchObject({ status: 200, data: { outcome: 'saved', frequency: 'ANNUAL' } });
    expect(await frequencyOf(donor.id)).toBe('ANNUAL');
    await action(call(postForm(`/email/preferences/${token}`, { frequency: 'NONE' }), token));
    expect(await frequencyOf(donor.id)).toBe('NONE');
  });

  it('refuses a choice not on the list, an altered link, another purpose and an erased or unknown donor, changing nothing', async () => {
    const donor = await newDonor();
    const token = tokenOf(preferencesLink({ donorId: donor.id }));
    expect(unwrap(await action(call(postForm(`/email/preferences/${token}`, { frequency: 'DAILY' }), token)))).toMatchObject({
      status: 400,
      data: { outcome: 'bad-choice' },
    });
    const altered = `${token.slice(0, -3)}abc`;
    expect(unwrap(await loader(call(get(`/email/preferences/${altered}`), altered))).status).toBe(404);
    expect(unwrap(await action(call(postForm(`/email/preferences/${altered}`, { frequency: 'NONE' }), altered))).status).toBe(404);
    const unsubscribe = signLinkToken({ purpose: 'unsubscribe', claims: { donorId: donor.id, kind: 'IMPACT_REPORTS' } });
    expect(unwrap(await action(call(postForm(`/email/preferences/${unsubscribe}`, { frequency: 'NONE' }), unsubscribe))).status).toBe(404);
    const nobody = tokenOf(preferencesLink({ donorId: crypto.randomUUID() }));
    expect(unwrap(await action(call(postForm(`/email/preferences/${nobody}`, { frequency: 'NONE' }), nobody))).status).toBe(404);
    expect(await frequencyOf(donor.id)).toBe('QUARTERLY');

    const erased = await newDonor();
    await db().donor.update({ where: { id: erased.id }, data: { erasedAt: new Date('2026-06-01T00:00:00Z') } });
    const erasedToken = tokenOf(preferencesLink({ donorId: erased.id }));
    expect(unwrap(await loader(call(get(`/email/preferences/${erasedToken}`), erasedToken))).status).toBe(404);
    expect(unwrap(await action(call(postForm(`/email/preferences/${erasedToken}`, { frequency: 'NONE' }), erasedToken))).status).toBe(404);
    expect(await frequencyOf(erased.id)).toBe('QUARTERLY');
  });

  it('renders in Arabic, right to left: a labelled group of four choices with the current one checked, then the saved status', async () => {
    const donor = await newDonor();
    const token = tokenOf(preferencesLink({ donorId: donor.id }));
    page.data = unwrap(await loader(call(get(`/email/preferences/${token}?lng=ar`), token))).data;
    page.action = undefined;
    const form = render();
    expect(form).toContain('<h1 id="preferences-title">عدد مرات تلقيك تقارير الأثر</h1>');
    expect(form).toContain('<legend>أرسلوا إليّ تقارير الأثر</legend>');
    expect([...form.matchAll(/type="radio"/g)]).toHaveLength(4);
    expect(form).toMatch(/checked="" value="QUARTERLY"|value="QUARTERLY" checked=""/);
    page.action = unwrap(await action(call(postForm(`/email/preferences/${token}`, { frequency: 'SEMIANNUAL' }), token))).data;
    const saved = render();
    expect(saved).toContain('role="status">تم الحفظ: مرتين في السنة.');
    expect(saved).toMatch(/checked="" value="SEMIANNUAL"|value="SEMIANNUAL" checked=""/);
    expect(saved).toMatch(/^<div dir="rtl">/);
  });
});

function render() {
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
      <div dir={directionOf('ar')}>
        <EmailPreferences />
      </div>
    </I18nextProvider>,
  );
}
