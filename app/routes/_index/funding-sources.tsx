import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** Why general-purpose money matters: almost every gift is earmarked (DOMAIN.md, real proportions). */
export function FundingSources() {
  const { t } = useTranslation('home');
  return (
    <section className="funding-sources" aria-labelledby="funding-sources-title">
      <h2 id="funding-sources-title">{t('sources.heading')}</h2>
      <p>{t('sources.generalPurpose')}</p>
      <p>{t('sources.earmarked')}</p>
      <p>{t('sources.pledged')}</p>
      <p>
        <Link to="/give?purpose=general" className="button">
          {t('sources.give')}
        </Link>
      </p>
    </section>
  );
}
