// The privacy notice: what the portal stores, what is public, consent and its withdrawal, export
// and erasure from the account, the two processors, cookies and no trackers (decisions 022, 034,
// 041, 042).
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { TrustPage } from '~/platform/trust-links.ts';
import { TrustPageLinks, TrustSection } from './trust-section.tsx';

export function PrivacyPage({ paths, accountPath }: { paths: Record<TrustPage, string>; accountPath: string }) {
  const { t } = useTranslation('trust');
  return (
    <article className="trust-page" aria-labelledby="trust-title">
      <h1 id="trust-title">{t('privacy.title')}</h1>
      <p className="page-intro">{t('privacy.intro')}</p>
      <TrustSection page="privacy" id="stored" paragraphs={['gift', 'money', 'consents', 'emails', 'appealClicks', 'card']} />
      <TrustSection page="privacy" id="public" paragraphs={['names', 'iati']} />
      <TrustSection page="privacy" id="consent" paragraphs={['marketing', 'withdraw', 'transactional']} />
      <TrustSection page="privacy" id="account" paragraphs={['signIn', 'export', 'erase', 'kept']}>
        <p>
          <Link to={accountPath}>{t('privacy.account.link')}</Link>
        </p>
      </TrustSection>
      <TrustSection page="privacy" id="processors" paragraphs={['stripe', 'resend', 'none']} />
      <TrustSection page="privacy" id="cookies" paragraphs={['trackers', 'cookies', 'limits']} />
      <TrustSection page="privacy" id="questions" paragraphs={['text']}>
        <p>
          <a href={paths.contact}>{t('nav.contact')}</a>
        </p>
      </TrustSection>
      <TrustPageLinks current="privacy" paths={paths} />
    </article>
  );
}
