// Finance and admins: one Stripe event that failed to apply — its error and the body Stripe
// signed — and, once it has used every try, "Replay" (a same-origin POST; audited).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { buildFailedEventPage } from '~/giving/stripe/failed-events-page.server.ts';
import { replayGivenUpInboxEvent } from '~/giving/stripe/stripe-inbox-commands.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';

const eventId = z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/);
const replaySchema = z.object({ intent: z.literal('replay') });

function parseId(id: string | undefined): string {
  const parsed = eventId.safeParse(id);
  if (!parsed.success) throw new Response('Not Found', { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  const locale = resolveLocale(request).locale;
  const page = await buildFailedEventPage(locale, parseId(params.id));
  if (!page) throw new Response('Not Found', { status: 404 });
  const replayed = new URL(request.url).searchParams.has('replayed');
  return data({ ...page, notice: replayed ? getT(locale, 'stripe-events')('event.replayed') : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, ['FINANCE', 'ADMIN']);
  const id = parseId(params.id);
  if (!replaySchema.safeParse(Object.fromEntries(await request.formData())).success) throw new Response('Bad Request', { status: 400 });
  const replayed = await replayGivenUpInboxEvent({ id, staffUserId: staff.id });
  if (!replayed) {
    const t = getT(resolveLocale(request).locale, 'stripe-events');
    return data({ error: t('event.notWaiting') }, { status: 409 });
  }
  return redirect(`/staff/finance/stripe-events/${encodeURIComponent(id)}?replayed`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FailedStripeEvent() {
  const { event, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('stripe-events');
  return (
    <section className="stripe-event" aria-labelledby="stripe-event-title">
      <p>
        <Link to="/staff/finance/stripe-events">{t('event.back')}</Link>
      </p>
      <h1 id="stripe-event-title">{t('event.title', { id: event.id })}</h1>
      {notice ? <p role="status">{notice}</p> : null}
      {result && 'error' in result ? <p role="alert">{result.error}</p> : null}
      <dl className="stripe-event__facts">
        <dt>{t('columns.type')}</dt>
        <dd>{event.type}</dd>
        <dt>{t('columns.received')}</dt>
        <dd>{event.receivedAt}</dd>
        <dt>{t('columns.tries')}</dt>
        <dd>{event.tries}</dd>
        <dt>{t('columns.state')}</dt>
        <dd>{event.state}</dd>
        <dt>{t('columns.error')}</dt>
        <dd className="stripe-events__error">{event.lastError}</dd>
      </dl>
      {event.givenUp ? (
        <Form method="post">
          <p>{t('event.replayHelp')}</p>
          <button type="submit" name="intent" value="replay" className="button">
            {t('event.replay')}
          </button>
        </Form>
      ) : null}
      <h2 id="stripe-event-body">{t('event.body')}</h2>
      <pre className="stripe-event__body" tabIndex={0} aria-labelledby="stripe-event-body">
        <code>{event.body}</code>
      </pre>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
