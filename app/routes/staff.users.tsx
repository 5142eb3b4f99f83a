// Admins only: the staff users, their roles and open sessions. An admin invites a person (an
// emailed link that signs them in on first use), sets roles, disables or enables an account and
// ends a person's sessions; each is a same-origin form POST, audited.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { languageNames } from '~/ui/language-switcher.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { endStaffSessions } from '~/staff/end-staff-sessions-commands.server.ts';
import { inviteStaff, setStaffActive, setStaffRoles, type StaffAdminResult } from '~/staff/staff-admin-commands.server.ts';
import { readStaffUsersForm, STAFF_ROLES, staffUsersFormSchema } from '~/staff/staff-users-form.ts';
import { listStaffWithLiveSessions } from '~/staff/staff-user-queries.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { locales } from '~/platform/i18n.ts';
import { formatDate } from '~/platform/format.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

const DONE = ['ended', 'invited', 'roles', 'disabled', 'enabled'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ['ADMIN']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['staff', 'auth', 'common']);
  const users = await listStaffWithLiveSessions();
  const params = new URL(request.url).searchParams;
  const done = DONE.find((kind) => params.has(kind));
  const doneUser = done ? users.find((user) => user.id === params.get(done)) : undefined;
  return data({
    title: t('common:meta.title', { page: t('auth:users.title'), site: t('common:site.name') }),
    ended: done === 'ended' && doneUser ? t('auth:users.ended', { name: doneUser.name }) : null,
    status: done && done !== 'ended' && doneUser ? t(`staff:users.done.${done}`, { name: doneUser.name, email: doneUser.email }) : null,
    locale,
    adminId: admin.id,
    roleOptions: STAFF_ROLES.map((role) => ({ role, label: t(`auth:roles.${role}`) })),
    users: users.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      roleKeys: user.roles,
      roles: user.roles.length ? user.roles.map((role) => t(`auth:roles.${role}`)).join(', ') : t('auth:users.noRoles'),
      isActive: user.isActive,
      status: user.invitationExpiresAt
        ? t('staff:users.invitedUntil', {
            date: formatDate(user.invitationExpiresAt, locale, { dateStyle: 'medium', timeStyle: 'short' }),
          })
        : t(user.isActive ? 'auth:users.active' : 'auth:users.inactive'),
      liveSessions: user.liveSessions,
    })),
  });
}

function refusal(request: Request, result: StaffAdminResult & { ok: false }) {
  const t = getT(resolveLocale(request).locale, 'staff');
  if (result.reason === 'not-found') throw new Response('Not Found', { status: 404 });
  return data({ error: t(`users.errors.${result.reason}`), fieldErrors: {} as Record<string, string> }, { status: 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireRole(request, ['ADMIN']);
  const form = await request.formData();
  const parsed = staffUsersFormSchema.safeParse(readStaffUsersForm(form));
  if (!parsed.success) {
    // Only the invitation form has fields a person types; any other malformed post is not from this page.
    if (form.get('intent') !== 'invite') throw new Response('Bad Request', { status: 400 });
    const t = getT(resolveLocale(request).locale, 'staff');
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      fieldErrors[field] ??= t(`users.errors.${field === 'locale' ? 'localeInvalid' : issue.message}`, {
        defaultValue: t('users.errors.invalid'),
      });
    }
    return data({ error: t('users.errors.summary'), fieldErrors }, { status: 400 });
  }
  const input = parsed.data;
  const back = (kind: (typeof DONE)[number], id: string) => redirect(`/staff/users?${new URLSearchParams({ [kind]: id }).toString()}`);
  switch (input.intent) {
    case 'end-sessions': {
      const result = await endStaffSessions({ adminId: admin.id, staffUserId: input.staffUserId });
      if (!result) throw new Response('Not Found', { status: 404 });
      return back('ended', input.staffUserId);
    }
    case 'invite': {
      const result = await inviteStaff({
        adminId: admin.id,
        name: input.name,
        email: input.email,
        roles: input.roles,
        locale: input.locale,
      });
      return result.ok ? back('invited', result.staffUserId) : refusal(request, result);
    }
    case 'set-roles': {
      const result = await setStaffRoles({ adminId: admin.id, staffUserId: input.staffUserId, roles: input.roles });
      return result.ok ? back('roles', result.staffUserId) : refusal(request, result);
    }
    case 'disable':
    case 'enable': {
      const active = input.intent === 'enable';
      const result = await setStaffActive({ adminId: admin.id, staffUserId: input.staffUserId, active });
      return result.ok ? back(active ? 'enabled' : 'disabled', result.staffUserId) : refusal(request, result);
    }
  }
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffUsers() {
  const { users, ended, status, roleOptions, adminId, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('auth');
  const { t: ts } = useTranslation('staff');
  const fieldErrors = actionData?.fieldErrors ?? {};
  return (
    <section className="staff-users" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      {ended || status ? <p role="status">{ended ?? status}</p> : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
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
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="set-roles" />
                    <input type="hidden" name="staffUserId" value={user.id} />
                    <fieldset>
                      <legend>{ts('users.rolesOf', { name: user.name })}</legend>
                      {roleOptions.map(({ role, label }) => (
                        <label key={role}>
                          <input type="checkbox" name="roles" value={role} defaultChecked={user.roleKeys.includes(role)} /> {label}
                        </label>
                      ))}
                    </fieldset>
                    <button type="submit" className="button button--secondary" aria-label={ts('users.saveRolesLabel', { name: user.name })}>
                      {ts('users.saveRoles')}
                    </button>
                  </Form>
                </td>
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
                  {user.id === adminId ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value={user.isActive ? 'disable' : 'enable'} />
                      <input type="hidden" name="staffUserId" value={user.id} />
                      <button
                        type="submit"
                        className="button button--secondary"
                        aria-label={ts(user.isActive ? 'users.disableLabel' : 'users.enableLabel', { name: user.name })}
                      >
                        {ts(user.isActive ? 'users.disable' : 'users.enable')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2 id="invite-title">{ts('users.invite.title')}</h2>
      <p>{ts('users.invite.intro')}</p>
      <Form method="post" aria-labelledby="invite-title" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <div className="field">
          <label htmlFor="invite-name">{ts('users.invite.name')}</label>
          <input
            id="invite-name"
            name="name"
            autoComplete="off"
            aria-invalid={fieldErrors.name ? true : undefined}
            aria-describedby={fieldErrors.name ? 'invite-name-error' : undefined}
          />
          {fieldErrors.name ? (
            <p id="invite-name-error" className="field__error">
              {fieldErrors.name}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="invite-email">{ts('users.invite.email')}</label>
          <input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? 'invite-email-error' : undefined}
          />
          {fieldErrors.email ? (
            <p id="invite-email-error" className="field__error">
              {fieldErrors.email}
            </p>
          ) : null}
        </div>
        <fieldset aria-describedby={fieldErrors.roles ? 'invite-roles-error' : undefined}>
          <legend>{ts('users.invite.roles')}</legend>
          {roleOptions.map(({ role, label }) => (
            <label key={role}>
              <input type="checkbox" name="roles" value={role} /> {label}
            </label>
          ))}
          {fieldErrors.roles ? (
            <p id="invite-roles-error" className="field__error">
              {fieldErrors.roles}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor="invite-locale">{ts('users.invite.language')}</label>
          <select id="invite-locale" name="locale" defaultValue={locale}>
            {locales.map((option) => (
              <option key={option} value={option} lang={option}>
                {languageNames[option]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {ts('users.invite.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
