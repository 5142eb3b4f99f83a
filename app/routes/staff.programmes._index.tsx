// Programme officers (and admins): every programme with its projects, links to edit each, and
// the form for a new programme. Changes show on the public pages at once (decision 028).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { runEdit } from '~/programmes/editor-action.server.ts';
import { createProgramme } from '~/programmes/programme-commands.server.ts';
import { programmeSchema } from '~/programmes/programme-editor-schemas.ts';
import { listProgrammesForEditing } from '~/programmes/programme-editor-queries.server.ts';
import { ProgrammeForm } from '~/programmes/programme-form.tsx';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText } from '~/platform/i18n.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['PROGRAMME_OFFICER']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programme-editor', 'programmes', 'common']);
  const programmes = await listProgrammesForEditing();
  return data({
    title: t('common:meta.title', { page: t('list.title'), site: t('common:site.name') }),
    programmes: programmes.map((programme) => ({
      slug: programme.slug,
      code: programme.code,
      title: pickText(programme.title, locale),
      projects: programme.projects.map((project) => ({
        code: project.code,
        title: pickText(project.title, locale),
        status: t(`programmes:status.${project.status.toLowerCase()}`),
      })),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const officer = await requireRole(request, ['PROGRAMME_OFFICER']);
  const outcome = await runEdit('create-programme', await request.formData(), programmeSchema, (input) =>
    createProgramme({ actorId: officer.id, input }),
  );
  if (!outcome.ok) return data(outcome, { status: 400 });
  return redirect(`/staff/programmes/${outcome.value.slug}?saved=1`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffProgrammes() {
  const { programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('programme-editor');
  return (
    <section className="staff-programmes" aria-labelledby="programmes-title">
      <h1 id="programmes-title">{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <p>
        <Link to="/staff/projects/new" className="button">
          {t('list.newProject')}
        </Link>
      </p>
      {programmes.map((programme) => (
        <section key={programme.slug} aria-labelledby={`programme-${programme.slug}`}>
          <h2 id={`programme-${programme.slug}`}>
            {programme.code} — {programme.title}{' '}
            <Link to={`/staff/programmes/${programme.slug}`} aria-label={t('list.editLabel', { name: programme.title })}>
              {t('list.edit')}
            </Link>
          </h2>
          {programme.projects.length === 0 ? (
            <p>{t('list.noProjects')}</p>
          ) : (
            <TableScroll label={t('list.projectsCaption', { name: programme.title, number: programme.projects.length })}>
              <table className="data-table">
                <caption>{t('list.projectsCaption', { name: programme.title, number: programme.projects.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.code')}</th>
                    <th scope="col">{t('columns.title')}</th>
                    <th scope="col">{t('columns.status')}</th>
                    <th scope="col">{t('columns.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {programme.projects.map((project) => (
                    <tr key={project.code}>
                      <th scope="row">{project.code}</th>
                      <td>{project.title}</td>
                      <td>{project.status}</td>
                      <td>
                        <Link to={`/staff/projects/${project.code}`} aria-label={t('list.editLabel', { name: project.code })}>
                          {t('list.edit')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
      <section aria-labelledby="new-programme-title">
        <h2 id="new-programme-title">{t('list.newProgramme')}</h2>
        <ProgrammeForm
          id="new-programme"
          intent="create-programme"
          defaultValue={{ sortOrder: 0 }}
          lastResult={actionData?.ok === false ? actionData.result : undefined}
          submitLabel={t('list.newProgramme')}
        />
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
