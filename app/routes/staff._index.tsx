// The staff home: who is signed in, with which roles, and the tools those roles open.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { hasRole, requireStaff } from '~/staff/auth.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const t = getT(resolveLocale(request).locale, ['auth', 'common']);
  return data({
    title: t('common:meta.title', { page: t('staff.title'), site: t('common:site.name') }),
    name: user.name,
    email: user.email,
    roles: user.roles.map((role) => ({ role, label: t(`roles.${role}`) })),
    canSeeAudit: hasRole(user, ['ADMIN']),
    canSeePaymentFees: hasRole(user, ['FINANCE', 'ADMIN']),
    canEditProgrammes: hasRole(user, ['PROGRAMME_OFFICER']),
  });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffHome() {
  const { name, email, roles, canSeeAudit, canSeePaymentFees, canEditProgrammes } = useLoaderData<typeof loader>();
  const { t } = useTranslation('auth');
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
      {canSeeAudit || canSeePaymentFees || canEditProgrammes ? (
        <>
          <h2>{t('staff.toolsHeading')}</h2>
          <ul>
            {canSeeAudit ? (
              <>
                <li>
                  <Link to="/staff/audit">{t('staff.auditLink')}</Link>
                </li>
                <li>
                  <Link to="/staff/users">{t('staff.usersLink')}</Link>
                </li>
              </>
            ) : null}
            {canEditProgrammes ? (
              <li>
                <Link to="/staff/programmes">{t('programme-editor:nav.link')}</Link>
              </li>
            ) : null}
            {canSeePaymentFees ? (
              <li>
                <Link to="/staff/finance/payments">{t('finance:nav.payments')}</Link>
              </li>
            ) : null}
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
