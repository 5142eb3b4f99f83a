// A new project, by a programme officer: code, programme, places, sector, status, dates, and its
// title and description in six languages. Then its page takes requirements, updates, indicators.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { runEdit } from '~/programmes/editor-action.server.ts';
import { createProject } from '~/programmes/programme-commands.server.ts';
import { projectSchema } from '~/programmes/programme-editor-schemas.ts';
import { listProgrammesForEditing } from '~/programmes/programme-editor-queries.server.ts';
import { ProjectForm } from '~/programmes/project-form.tsx';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText } from '~/platform/i18n.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['PROGRAMME_OFFICER']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programme-editor', 'common']);
  const programmes = await listProgrammesForEditing();
  return data({
    title: t('common:meta.title', { page: t('project.newTitle'), site: t('common:site.name') }),
    programmes: programmes.map((programme) => ({ id: programme.id, label: `${programme.code} — ${pickText(programme.title, locale)}` })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const officer = await requireRole(request, ['PROGRAMME_OFFICER']);
  const outcome = await runEdit('create-project', await request.formData(), projectSchema, (input) =>
    createProject({ actorId: officer.id, input }),
  );
  if (!outcome.ok) return data(outcome, { status: 400 });
  return redirect(`/staff/projects/${outcome.value.code}?saved=1`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function NewProject() {
  const { programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('programme-editor');
  return (
    <section className="staff-project" aria-labelledby="project-title">
      <p className="breadcrumb">
        <Link to="/staff/programmes">{t('nav.back')}</Link>
      </p>
      <h1 id="project-title">{t('project.newTitle')}</h1>
      <ProjectForm
        id="new-project"
        intent="create-project"
        defaultValue={{ status: 'PIPELINE' }}
        lastResult={actionData?.ok === false ? actionData.result : undefined}
        submitLabel={t('project.create')}
        programmes={programmes}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
