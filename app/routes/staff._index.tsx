// The staff home: who is signed in, with which roles, what waits for those roles (a card per
// kind of work, with its count) and the tools those roles open.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireStaff } from '~/staff/auth.server.ts';
import { listOpenBankEntries } from '~/finance/bank/bank-review-queries.server.ts';
import { staffHomeCardProviders } from '~/staff/home/home-card-queries.server.ts';
import type { HomeCardProvider } from '~/staff/home/home-cards.ts';
import { buildStaffHomePage } from '~/staff/home/staff-home-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';

// Cards of other capabilities join the staff capability's own here (capabilities do not import each other).
const unmatchedBankLines: HomeCardProvider = {
  key: 'unmatchedBankLines',
  roles: ['FINANCE'],
  href: '/staff/finance/bank',
  count: async () => ({ count: (await listOpenBankEntries({ limit: 1 })).total }),
};
const providers = [unmatchedBankLines, ...staffHomeCardProviders];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return data(await buildStaffHomePage({ user, locale: resolveLocale(request).locale, providers }));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffHome() {
  const { name, email, roles, cards, tools } = useLoaderData<typeof loader>();
  const { t } = useTranslation('auth');
  const { t: ts } = useTranslation('staff');
  return (
    <section className="staff-home" aria-labelledby="staff-title">
      <h1 id="staff-title">{t('staff.welcome', { name })}</h1>
      <p>{t('staff.signedInAs', { email })}</p>
      <h2>{t('staff.rolesHeading')}</h2>
      {roles.length ? (
        <ul>
          {roles.map(({ role, label }) => (
            <li key={role}>{label}</li>
          ))}
        </ul>
      ) : (
        <p>{t('staff.noRoles')}</p>
      )}
      {cards.length ? (
        <>
          <h2 id="staff-waiting">{ts('home.waitingHeading')}</h2>
          <ul className="staff-cards" aria-labelledby="staff-waiting">
            {cards.map((card) => (
              <li key={card.key} className="staff-card" data-count={card.count}>
                <h3>{card.title}</h3>
                <p>
                  <strong>{card.countText}</strong>
                  {card.amount ? ` (${card.amount})` : null}
                </p>
                {card.href && card.linkText ? <Link to={card.href}>{card.linkText}</Link> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {tools.length ? (
        <>
          <h2>{t('staff.toolsHeading')}</h2>
          <ul>
            {tools.map((tool) => (
              <li key={tool.key}>
                <Link to={tool.href}>{tool.label}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" action="/logout">
        <button type="submit" className="button button--secondary">
          {t('logout.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
