// Data for /give/thanks?session_id=… (Stripe's success_url). The page only reads what the webhook
// recorded: it shows "processing" until then and never marks anything paid itself. While it waits
// it refreshes itself; `poll` in the URL counts the refreshes made without JavaScript, so a page
// left open stops after a few minutes instead of polling forever.
import { getCheckoutStatus } from '~/giving/giving-queries.server.ts';
import type { CheckoutPayment, CheckoutStatus } from '~/giving/giving-types.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatPledge, giveAgainHref } from '~/giving/pledge-format.server.ts';
import { formatMoney } from '~/platform/money.ts';
import { formatNumber } from '~/platform/format.ts';
import { MAX_POLLS } from './thanks-polling.ts';

// Stripe session ids are "cs_test_…"/"cs_live_…": letters, digits and underscores.
const SESSION_ID = /^[A-Za-z0-9_]{1,255}$/;

/** Only a project gift is allocated at once; programme and general-purpose money waits in a pool. */
function paidBodyKey(kind: 'general' | 'programme' | 'project' | undefined): string {
  if (kind === 'programme') return 'thanks.paid.bodyProgramme';
  if (kind === 'general') return 'thanks.paid.bodyGeneral';
  return 'thanks.paid.body';
}

export async function buildThanksPage(request: Request, locale: Locale) {
  const url = new URL(request.url);
  const sessionId = url.searchParams.get('session_id') ?? '';
  const poll = Math.max(0, Math.min(MAX_POLLS, Number.parseInt(url.searchParams.get('poll') ?? '0', 10) || 0));
  const checkout: CheckoutStatus = SESSION_ID.test(sessionId)
    ? await getCheckoutStatus({ stripeSessionId: sessionId, locale })
    : { status: 'unknown', pledge: null };
  const t = getT(locale, 'give');
  const waiting = checkout.status === 'processing';
  const next = new URLSearchParams({ session_id: sessionId, poll: String(poll + 1) });
  return {
    title: pageTitle(locale, t(`thanks.${checkout.status}.title`)),
    status: checkout.status,
    pledge: checkout.pledge ? formatPledge(checkout.pledge, locale) : null,
    /** What a paid gift changes: a project's funding, or a pool that staff allocate later (item 13 of #11). */
    paidBodyKey: paidBodyKey(checkout.pledge?.earmark.kind),
    /** This payment (paid, or being confirmed): an instalment's amount is not the pledge's total. */
    payment:
      checkout.pledge && checkout.payment && (checkout.status === 'paid' || waiting)
        ? formatPayment(checkout.payment, checkout.pledge.currency, checkout.status === 'paid', locale)
        : null,
    /** Where the no-JavaScript refresh goes next; null once it should stop. */
    refreshUrl: waiting && poll < MAX_POLLS ? `/give/thanks?${next.toString()}` : null,
    giveAgainHref: giveAgainHref(checkout.pledge),
  };
}

function formatPayment(payment: CheckoutPayment, currency: string, isPaid: boolean, locale: Locale) {
  const t = getT(locale, 'give');
  const { instalment } = payment;
  return {
    label: t(isPaid ? 'thanks.paidNow' : 'thanks.payingNow'),
    amount: formatMoney(BigInt(payment.amountMinor), currency, locale),
    instalment: instalment
      ? t('thanks.instalmentOf', { sequence: formatNumber(instalment.sequence, locale), count: formatNumber(instalment.count, locale) })
      : null,
  };
}
