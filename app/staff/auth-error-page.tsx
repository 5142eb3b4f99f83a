// Error pages of the sign-in and staff routes: a refused cross-origin form (403 from the origin
// check), a missing role (403 from requireRole), or the shared generic page for anything else.
import { isRouteErrorResponse, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';

export function AuthErrorPage({ error, kind = 'forbidden' }: { error: unknown; kind?: 'forbidden' | 'crossOrigin' }) {
  const { t } = useTranslation('auth');
  if (!isRouteErrorResponse(error) || error.status !== 403) return <ErrorPage error={error} />;
  return (
    <section className="message-page" aria-labelledby="auth-error-title">
      <h1 id="auth-error-title">{t(`errors.${kind}Title`)}</h1>
      <p>{t(`errors.${kind}Body`)}</p>
      <p>
        <Link to="/">{t('errors.home')}</Link>
      </p>
    </section>
  );
}
