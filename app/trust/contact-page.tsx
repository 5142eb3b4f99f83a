// Contact and the legal entity: who receives the gifts, their address and email, and the tax
// status the organisation states per country — and, where it states none, that it states none.
import { useTranslation } from 'react-i18next';
import type { TrustPage } from '~/platform/trust-links.ts';
import { TrustPageLinks } from './trust-section.tsx';

export interface ContactPageProps {
  paths: Record<TrustPage, string>;
  organisation: { isPlaceholder: boolean; name: string; nameLang: string; addressLines: string[]; email: string };
  taxStatements: { country: string; countryName: string; statement: string; statementLang: string }[];
}

export function ContactPage({ paths, organisation, taxStatements }: ContactPageProps) {
  const { t } = useTranslation('trust');
  return (
    <article className="trust-page" aria-labelledby="trust-title">
      <h1 id="trust-title">{t('contact.title')}</h1>
      <p className="page-intro">{t('contact.intro')}</p>
      {organisation.isPlaceholder ? (
        <p className="trust-page__notice" role="note">
          {t('contact.placeholder')}
        </p>
      ) : null}
      <section className="trust-section" aria-labelledby="contact-entity">
        <h2 id="contact-entity">{t('contact.entity.heading')}</h2>
        <dl className="trust-facts">
          <dt>{t('contact.entity.name')}</dt>
          <dd lang={organisation.nameLang}>{organisation.name}</dd>
          <dt>{t('contact.entity.address')}</dt>
          <dd>
            <address>
              {organisation.addressLines.map((line, index) => (
                <span key={index} className="trust-facts__line" dir="auto">
                  {line}
                </span>
              ))}
            </address>
          </dd>
          <dt>{t('contact.entity.email')}</dt>
          <dd>
            <a href={`mailto:${organisation.email}`} dir="ltr">
              {organisation.email}
            </a>
          </dd>
        </dl>
        <p>{t('contact.entity.write')}</p>
      </section>
      <section className="trust-section" aria-labelledby="contact-tax">
        <h2 id="contact-tax">{t('contact.tax.heading')}</h2>
        <p>{t('contact.tax.intro')}</p>
        {taxStatements.map((entry) => (
          <section key={entry.country} aria-labelledby={`contact-tax-${entry.country}`}>
            <h3 id={`contact-tax-${entry.country}`}>{entry.countryName}</h3>
            <p lang={entry.statementLang}>{entry.statement}</p>
          </section>
        ))}
        <p>{taxStatements.length === 0 ? t('contact.tax.none') : t('contact.tax.otherCountries')}</p>
      </section>
      <TrustPageLinks current="contact" paths={paths} />
    </article>
  );
}
