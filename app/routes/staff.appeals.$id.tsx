// Resource mobilization and admins: an appeal draft — edit it, preview its email in each language
// (a sandboxed frame; the language links work without JavaScript), and send a test to oneself.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildComposerPage, handleComposerForm } from '~/appeals/appeal-composer-page.server.ts';
import { AppealDraftForm } from '~/appeals/appeal-draft-form.tsx';
import { AppealSendPanel } from '~/appeals/appeal-send-panel.tsx';
import { buildSendPanel, handleSendForm } from '~/appeals/appeal-send-page.server.ts';
import { APPEALS_ROLES } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, APPEALS_ROLES);
  const url = new URL(request.url);
  const locale = resolveLocale(request).locale;
  const page = await buildComposerPage({
    locale,
    appealId: params.id ?? '-',
    previewLocale: url.searchParams.get('lang'),
  });
  if (!page) throw new Response('Not found', { status: 404 });
  const send = await buildSendPanel({ appealId: page.appealId!, status: page.status, segmentId: page.segmentId, locale });
  return data({ ...page, send, saved: url.searchParams.has('saved'), staffEmail: staff.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, APPEALS_ROLES);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'send' || intent === 'cancel' || intent === 'decide') {
    const sent = await handleSendForm({ form, staffUserId: staff.id, locale: resolveLocale(request).locale, appealId: params.id ?? '-' });
    return data(sent, { status: sent.kind === 'send-done' ? 200 : 400 });
  }
  const outcome = await handleComposerForm({
    form,
    staff,
    locale: resolveLocale(request).locale,
    appealId: params.id ?? '-',
  });
  if (outcome.kind === 'saved') return redirect(`/staff/appeals/${outcome.id}?saved=1`);
  return data(outcome, { status: outcome.kind === 'test-queued' ? 200 : 400 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function EditAppeal() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(['staff-appeal-composer', 'staff-appeals']);
  const preview = page.preview;
  return (
    <section className="staff-appeals stack" aria-labelledby="appeal-title">
      <p>
        <Link to="/staff/appeals">{t('staff-appeals:back')}</Link>
      </p>
      <h1 id="appeal-title">{page.title}</h1>
      <p>
        <Link to={`/staff/appeals/${page.appealId ?? ''}/results`}>{t('staff-appeals:results.link')}</Link>
      </p>
      {page.saved && !result ? <p role="status">{t('saved')}</p> : null}
      {page.isDraft ? null : <p role="status">{t('notDraft')}</p>}
      <AppealSendPanel
        appealId={page.appealId!}
        panel={page.send}
        outcome={result?.kind === 'send-done' || result?.kind === 'send-refused' ? result : null}
      />
      {preview ? (
        <section className="stack" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('preview.heading')}</h2>
          <nav aria-label={t('preview.languages')}>
            <ul className="appeal-languages">
              {preview.languages.map((language) => (
                <li key={language.value}>
                  <Link to={language.href} lang={language.value} aria-current={language.isCurrent ? 'page' : undefined}>
                    {language.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <p>{preview.subject}</p>
          {preview.fallbackNote ? <p>{preview.fallbackNote}</p> : null}
          <p className="field__hint">{t('preview.figuresNote')}</p>
          <iframe title={preview.frameTitle} src={preview.src} sandbox="" className="email-preview" width="100%" height="900" />
          <h2 id="test-heading">{t('test.heading')}</h2>
          <Form method="post" aria-labelledby="test-heading" className="stack">
            <p>{t('test.intro', { language: preview.languageName, email: page.staffEmail })}</p>
            <input type="hidden" name="intent" value="test" />
            <input type="hidden" name="lang" value={preview.locale} />
            <p>
              <button type="submit" className="button">
                {t('test.button', { language: preview.languageName })}
              </button>
            </p>
            {result?.kind === 'test-queued' ? <p role="status">{result.message}</p> : null}
            {result?.kind === 'refused' ? <p role="alert">{result.message}</p> : null}
          </Form>
        </section>
      ) : null}
      <h2>{t('draftHeading')}</h2>
      <AppealDraftForm
        options={page.options}
        defaultValue={page.defaultValue}
        lastResult={result?.kind === 'invalid' ? result.result : undefined}
        disabled={!page.isDraft}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
