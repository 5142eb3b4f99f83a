// /staff/finance/stripe-events for finance and admins: Stripe events that failed to apply (being
// retried, or waiting for a person after every try), one event's body and error, and its replay.
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { MAX_EVENT_ATTEMPTS } from './stripe-inbox-commands.server.ts';
import { getInboxProblem, listInboxProblems, type InboxProblem } from './stripe-inbox-queries.server.ts';

export const EVENTS_SHOWN = 200;

const dateTime = (at: Date, locale: Locale) => formatDate(at, locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

function describe(problem: InboxProblem, locale: Locale) {
  const t = getT(locale, 'stripe-events');
  return {
    id: problem.id,
    type: problem.type,
    receivedAt: dateTime(problem.receivedAt, locale),
    tries: t('tries', { tried: formatNumber(problem.attempts, locale), of: formatNumber(MAX_EVENT_ATTEMPTS, locale) }),
    givenUp: problem.nextTryAt === null,
    state: problem.nextTryAt === null ? t('state.givenUp') : t('state.retrying', { at: dateTime(problem.nextTryAt, locale) }),
    lastError: problem.lastError,
  };
}

export async function buildFailedEventsPage(locale: Locale) {
  const t = getT(locale, ['stripe-events', 'common']);
  const problems = await listInboxProblems({ limit: EVENTS_SHOWN });
  return {
    title: t('common:meta.title', { page: t('title'), site: t('common:site.name') }),
    limit: EVENTS_SHOWN,
    events: problems.map((problem) => describe(problem, locale)),
  };
}

export async function buildFailedEventPage(locale: Locale, id: string) {
  const problem = await getInboxProblem({ id });
  if (!problem) return null;
  const t = getT(locale, ['stripe-events', 'common']);
  let body = problem.payload;
  try {
    body = JSON.stringify(JSON.parse(problem.payload), null, 2);
  } catch {
    // Shown as Stripe sent it: an unreadable body is one reason an event fails.
  }
  return {
    title: t('common:meta.title', { page: t('event.title', { id: problem.id }), site: t('common:site.name') }),
    event: { ...describe(problem, locale), body },
  };
}
