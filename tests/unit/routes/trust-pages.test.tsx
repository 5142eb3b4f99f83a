// The trust pages (/about/money, /about/privacy, /about/contact; issue #16 item 4): each answers
// 200 in every language with its h1 and the links between them; the footer of every page links
// all three; the contact page lists only the tax statements the organisation makes, and says so
// when it makes none.
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import AboutMoney, { loader as moneyLoader } from '~/routes/about.money.tsx';
import AboutPrivacy, { loader as privacyLoader } from '~/routes/about.privacy.tsx';
import AboutContact, { loader as contactLoader } from '~/routes/about.contact.tsx';
import { ContactPage } from '~/trust/contact-page.tsx';
import { getContactPage } from '~/trust/trust-pages.server.ts';
import { organisation } from '~/trust/organisation.ts';
import { SiteFooter } from '~/ui/site-footer.tsx';
import { getLocaleResources, getT } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import { TRUST_PATHS } from '~/platform/trust-links.ts';
import { page } from './remix-react-mock.tsx';
import { args, get, unwrap } from '../staff/helpers.ts';

vi.mock('@remix-run/react', () => import('./remix-react-mock.tsx'));

const pages = [
  { name: 'money', path: TRUST_PATHS.money, loader: moneyLoader, Page: AboutMoney },
  { name: 'privacy', path: TRUST_PATHS.privacy, loader: privacyLoader, Page: AboutPrivacy },
  { name: 'contact', path: TRUST_PATHS.contact, loader: contactLoader, Page: AboutContact },
] as const;

const render = (locale: Locale, element: React.ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={getI18nInstance(locale, getLocaleResources(locale))}>{element}</I18nextProvider>);

const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

describe('trust pages', () => {
  for (const { name, path, loader, Page } of pages) {
    it(`${path} answers 200 in every language with its h1, h2 sections and the three links`, async () => {
      for (const locale of locales) {
        const t = getT(locale, ['trust']);
        const result = unwrap(await loader(args(get(`${path}?lng=${locale}`))));
        expect(result.status, locale).toBe(200);
        expect(result.data).toMatchObject({ dir: locale === 'ar' ? 'rtl' : 'ltr', description: t(`${name}.description`) });
        page.data = result.data;
        const html = render(locale, <Page />);
        expect(html).toContain(`<h1 id="trust-title">${escaped(t(`${name}.title`))}</h1>`);
        expect(html.match(/<h1[ >]/g)).toHaveLength(1);
        expect(html.match(/<h2[ >]/g)?.length).toBeGreaterThanOrEqual(2);
        for (const other of Object.values(TRUST_PATHS)) expect(html).toContain(`href="${other}"`);
        expect(html).not.toMatch(/<script/);
      }
    });
  }

  it('/about/money states the fee percentage the give form adds, in the reader’s digits', async () => {
    page.data = unwrap(await moneyLoader(args(get('/about/money?lng=en')))).data;
    expect(render('en', <AboutMoney />)).toContain('On the donation form you may choose to cover the card fee: 3% is added to your gift.');
    page.data = unwrap(await moneyLoader(args(get('/about/money?lng=fr')))).data;
    expect(render('fr', <AboutMoney />)).toContain('3\u00a0%');
  });

  it('/about/contact shows the demo organisation as placeholders, and states no tax status it has not made', async () => {
    page.data = unwrap(await contactLoader(args(get('/about/contact?lng=en')))).data;
    const html = render('en', <AboutContact />);
    expect(organisation.taxStatements).toEqual([]);
    expect(html).toContain(organisation.email);
    expect(html).toContain('the name, address and email below are placeholders');
    expect(html).toContain(
      'The organisation states no tax status for any country. Do not assume that your gift is tax-deductible: ask a tax adviser.',
    );
    expect(html).not.toMatch(/<h3/);
  });

  it('/about/contact lists a stated tax status per country, in the reader’s language where it has one', () => {
    const stated = {
      ...organisation,
      isPlaceholder: false,
      taxStatements: [
        { country: 'FR', statement: { en: 'A French statement.', fr: 'Une déclaration.' } },
        { country: 'DE', statement: { en: 'A German statement.' } },
      ],
    };
    const data = getContactPage({ locale: 'fr', organisation: stated });
    expect(data.taxStatements.map((entry) => entry.countryName)).toEqual(['Allemagne', 'France']);
    const html = render('fr', <ContactPage {...data} />);
    expect(html).toContain('<h3 id="contact-tax-DE">Allemagne</h3><p lang="en">A German statement.</p>');
    expect(html).toContain('<h3 id="contact-tax-FR">France</h3><p lang="fr">Une déclaration.</p>');
    expect(html).toContain('Pour tout autre pays, l’organisation ne déclare aucun statut fiscal');
    expect(html).not.toContain('fictifs');
  });

  it('the site footer links the three pages in every language', () => {
    for (const locale of locales) {
      const t = getT(locale, ['trust']);
      const html = render(locale, <SiteFooter locale={locale} />);
      for (const key of ['money', 'privacy', 'contact'] as const) {
        expect(html).toContain(`<a href="${TRUST_PATHS[key]}">${escaped(t(`nav.${key}`))}</a>`);
      }
    }
  });
});
