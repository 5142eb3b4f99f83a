// Data for /give/thanks?session_id=… (Stripe's success_url). The page only reads what the webhook
// recorded: it shows "processing" until then and never marks anything paid itself. While it waits
// it refreshes itself; `poll` in the URL counts the refreshes made without JavaScript, so a page
// left open stops after a few minutes instead of polling forever.
import { getCheckoutStatus } from '~/giving/giving-queries.server.ts';
import type { CheckoutPayment, CheckoutStatus, EarmarkSummary } from '~/giving/giving-types.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatPledge, giveAgainHref } from '~/giving/pledge-format.server.ts';
import { formatMoney } from '~/platform/money.ts';
import { formatNumber } from '~/platform/format.ts';
import { getEnv } from '~/platform/env.server.ts';
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
    next: checkout.status === 'paid' && checkout.pledge ? nextSteps(checkout.pledge.earmark, locale) : null,
  };
}

/**
 * After a paid gift (issue #16 item 3): what happens next, where to see what the gift is for,
 * and share links — plain URLs to each service's own share page, so no third-party script or
 * tracker is loaded here; they share the public page of what was funded, never this page.
 */
function nextSteps(earmark: EarmarkSummary, locale: Locale) {
  const t = getT(locale, 'give');
  const path =
    earmark.kind === 'project' && earmark.key
      ? `/projects/${encodeURIComponent(earmark.key)}`
      : earmark.kind === 'programme' && earmark.key
        ? `/programmes/${encodeURIComponent(earmark.key)}`
        : '/programmes';
  const shareUrl = new URL(path, getEnv().APP_ORIGIN).toString();
  const shareText = earmark.title ? t('thanks.share.textFor', { name: earmark.title }) : t('thanks.share.text');
  const url = encodeURIComponent(shareUrl);
  const text = encodeURIComponent(shareText);
  return {
    steps: [
      t('thanks.next.receipt'),
      t(earmark.kind === 'project' ? 'thanks.next.allocationProject' : 'thanks.next.allocationPool'),
      t('thanks.next.reports'),
    ],
    see: { href: path, label: t(`thanks.see.${earmark.kind}`) },
    shareUrl,
    share: [
      { channel: t('thanks.share.email'), href: `mailto:?subject=${text}&body=${url}` },
      { channel: 'X', href: `https://x.com/intent/post?text=${text}&url=${url}` },
      { channel: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
      { channel: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
      { channel: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${shareText} ${shareUrl}`)}` },
    ].map((link) => ({ ...link, label: t('thanks.share.via', { channel: link.channel }) })),
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
