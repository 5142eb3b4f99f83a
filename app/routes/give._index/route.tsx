// /give — the giving form (issue #4 item 1): amount and currency, once / monthly / instalments,
// card or bank transfer, earmark, donor details, consents. The form and its pieces live in
// app/components/give; the action (honeypot, validation, rate limit, giving service) in
// give-action.server.ts. Prefill: ?programme=, ?project=, ?appeal=, ?resume=. An index route, so
// /give/thanks, /give/transfer/… and /give/pledge/… are its siblings, not nested inside the form.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CoverageBar } from '~/ui/coverage-bar.tsx';
import { ErrorPage } from '~/ui/error-page.tsx';
import { ProjectPhoto } from '~/programmes/photos/project-photo.tsx';
import { giveAction } from './give-action.server.ts';
import { GiveForm } from './give-form.tsx';
import { buildGivePage, type GivePageData } from './give-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { titleAndDescription } from '~/platform/public-page.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildGivePage(request, locale));
}

export async function action({ request, context }: ActionFunctionArgs) {
  return giveAction({ request, context });
}

// Personal data may be in the page (a re-rendered form, resumed values): never cached.
export const headers: HeadersFunction = ({ actionHeaders }) => ({
  'Cache-Control': 'no-store',
  ...(actionHeaders.get('Retry-After') ? { 'Retry-After': actionHeaders.get('Retry-After') ?? '' } : {}),
});

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function GivePage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('give');
  return (
    <div className={page.focus ? 'give-page give-page--focus' : 'give-page'}>
      <h1>{page.heading}</h1>
      <p className="page-intro">{t('intro')}</p>
      {page.notices.map((notice) => (
        <p key={notice.text} className={notice.tone === 'warning' ? 'filter-notice' : 'give-notice'} role="status">
          {notice.text}
        </p>
      ))}
      {/* A new prefill (another "Give" link) starts a fresh form; a language switch keeps the input. */}
      <GiveForm key={JSON.stringify(page.defaultValue)} page={page} lastResult={actionData?.result} />
      {page.focus ? <FocusFigures focus={page.focus} /> : null}
    </div>
  );
}

/** The funding of what the gift is for, beside the form on a wide screen and below it on a phone. */
function FocusFigures({ focus }: { focus: NonNullable<GivePageData['focus']> }) {
  return (
    <aside className="give-focus" aria-labelledby="give-focus-title">
      {focus.photo ? (
        <ProjectPhoto photo={focus.photo} sizes="(min-width: 60rem) 18rem, calc(100vw - 2rem)" className="project-photo--aside" />
      ) : null}
      <h2 id="give-focus-title">{focus.title}</h2>
      <p className="give-focus__coverage">
        <CoverageBar basisPoints={focus.coverageBasisPoints} label={focus.coverageLabel} />
        <span aria-hidden="true">{focus.coverage}</span>
      </p>
      <p>{focus.figures}</p>
      <p className="give-focus__gap">{focus.gap}</p>
      <p>
        <a href={focus.href}>{focus.link}</a>
      </p>
    </aside>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
