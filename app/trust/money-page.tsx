// "How your money is used": earmarks, pooled money and its allocation, fees, when money counts,
// reports and open data — what the ledger and the allocation rules really do (decisions 019,
// 023, 025, 033).
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { TrustPage } from '~/platform/trust-links.ts';
import { TrustPageLinks, TrustSection } from './trust-section.tsx';

export function MoneyPage({ feePercent, paths }: { feePercent: string; paths: Record<TrustPage, string> }) {
  const { t } = useTranslation('trust');
  return (
    <article className="trust-page" aria-labelledby="trust-title">
      <h1 id="trust-title">{t('money.title')}</h1>
      <p className="page-intro">{t('money.intro')}</p>
      <TrustSection page="money" id="earmark" paragraphs={['project', 'programme', 'general']} />
      <TrustSection page="money" id="pools" paragraphs={['choice', 'share', 'visible']} />
      <TrustSection page="money" id="fees" paragraphs={['card', 'cover', 'gross']} values={{ percent: feePercent }} />
      <TrustSection page="money" id="counting" paragraphs={['paid', 'usd', 'refund']} />
      <TrustSection page="money" id="reports" paragraphs={['receipts', 'impact', 'open']}>
        <ul>
          <li>
            <Link to="/funding">{t('money.reports.fundingLink')}</Link>
          </li>
          <li>
            <a href="/iati/activities.xml">{t('money.reports.iatiLink')}</a>
          </li>
        </ul>
      </TrustSection>
      <TrustPageLinks current="money" paths={paths} />
    </article>
  );
}
