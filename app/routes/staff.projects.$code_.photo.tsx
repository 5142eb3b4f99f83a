// /staff/projects/:code/photo — a project's photo (docs/decisions/058). The project editor shows
// the same forms and posts them here: this path alone accepts an upload-sized body. Success goes
// back to the editor (PRG); a refusal shows here with its error, and nothing changed.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { getProjectForEditing } from '~/programmes/programme-editor-queries.server.ts';
import { runPhotoAction } from '~/programmes/photos/photo-action.server.ts';
import { getEditorPhoto } from '~/programmes/photos/photo-editor.server.ts';
import { PhotoSection } from '~/programmes/photos/photo-form.tsx';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText } from '~/platform/i18n.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

async function findProject(code: string | undefined) {
  const project = code ? await getProjectForEditing({ code }) : null;
  if (!project) throw new Response('Not Found', { status: 404 });
  return project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['PROGRAMME_OFFICER']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programme-editor', 'common']);
  const project = await findProject(params.code);
  return data({
    title: t('common:meta.title', { page: t('photos.pageTitle', { code: project.code }), site: t('common:site.name') }),
    heading: `${project.code} — ${pickText(project.title, locale)}`,
    code: project.code,
    photo: await getEditorPhoto({ code: project.code, locale }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const officer = await requireRole(request, ['PROGRAMME_OFFICER']);
  const project = await findProject(params.code);
  const outcome = await runPhotoAction({ request, actorId: officer.id, projectId: project.id });
  if (!outcome.ok) return data({ intent: outcome.intent, result: outcome.result }, { status: 400 });
  return redirect(`/staff/projects/${encodeURIComponent(project.code)}?saved=1#photo`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffProjectPhoto() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('programme-editor');
  return (
    <section className="staff-project" aria-labelledby="project-title">
      <p className="breadcrumb">
        <Link to={`/staff/projects/${page.code}`}>{t('photos.back')}</Link>
      </p>
      <h1 id="project-title">{page.heading}</h1>
      <PhotoSection
        code={page.code}
        photo={page.photo}
        saveResult={actionData?.intent === 'save-photo' ? actionData.result : undefined}
        removeResult={actionData?.intent === 'remove-photo' ? actionData.result : undefined}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
