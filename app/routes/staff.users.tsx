// Admins only: the staff users, their roles and open sessions, and "End sessions" per person (a
// same-origin form POST; the sessions end at once and the audit log records who ended whose).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { endStaffSessions } from '~/staff/end-staff-sessions-commands.server.ts';
import { listStaffWithLiveSessions } from '~/staff/staff-user-queries.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

const endSessionsSchema = z.object({ intent: z.literal('end-sessions'), staffUserId: z.uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['ADMIN']);
  const t = getT(resolveLocale(request).locale, ['auth', 'common']);
  const users = await listStaffWithLiveSessions();
  const endedId = new URL(request.url).searchParams.get('ended');
  const ended = users.find((user) => user.id === endedId);
  return data({
    title: t('common:meta.title', { page: t('users.title'), site: t('common:site.name') }),
    ended: ended ? t('users.ended', { name: ended.name }) : null,
    users: users.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      roles: user.roles.length ? user.roles.map((role) => t(`roles.${role}`)).join(', ') : t('users.noRoles'),
      status: t(user.isActive ? 'users.active' : 'users.inactive'),
      liveSessions: user.liveSessions,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireRole(request, ['ADMIN']);
  const parsed = endSessionsSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response('Bad Request', { status: 400 });
  const result = await endStaffSessions({ adminId: admin.id, staffUserId: parsed.data.staffUserId });
  if (!result) throw new Response('Not Found', { status: 404 });
  return redirect(`/staff/users?${new URLSearchParams({ ended: parsed.data.staffUserId }).toString()}`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffUsers() {
  const { users, ended } = useLoaderData<typeof loader>();
  const { t } = useTranslation('auth');
  return (
    <section className="staff-users" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      {ended ? <p role="status">{ended}</p> : null}
      <TableScroll label={t('users.caption', { number: users.length })}>
        <table className="data-table">
          <caption id="users-caption">{t('users.caption', { number: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.columns.name')}</th>
              <th scope="col">{t('users.columns.email')}</th>
              <th scope="col">{t('users.columns.roles')}</th>
              <th scope="col">{t('users.columns.status')}</th>
              <th scope="col">{t('users.columns.sessions')}</th>
              <th scope="col">{t('users.columns.action')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.name}</th>
                <td>{user.email}</td>
                <td>{user.roles}</td>
                <td>{user.status}</td>
                <td>{user.liveSessions}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="end-sessions" />
                    <input type="hidden" name="staffUserId" value={user.id} />
                    <button
                      type="submit"
                      className="button button--secondary"
                      aria-label={t('users.endSessionsLabel', { name: user.name })}
                    >
                      {t('users.endSessions')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
