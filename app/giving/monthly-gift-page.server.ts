// /account/monthly/:reference: a signed-in donor's own monthly gift (docs/decisions/043) — the
// amount Stripe collects, its state as the webhooks reported it, the next payment as Stripe
// previews it, and what the forms need. Another donor's gift, or none: 404.
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { giftBeforeFee } from './fee-cover.ts';
import {
  MonthlyGiftNotFoundError,
  previewNextMonthlyPayment,
  requestMonthlyAmountChange,
  requestMonthlyCancel,
  requestMonthlyCardUpdate,
  requestMonthlyPause,
  requestMonthlyResume,
  type MonthlyRequestError,
} from './monthly-gift-commands.server.ts';
import { findDonorMonthlyGift } from './monthly-gift-queries.server.ts';
import { createMonthlyGiftSchema } from './monthly-gift-schema.ts';
import { absoluteUrl, monthlyGiftPath } from './pledge-links.server.ts';
import { formatDate } from '~/platform/format.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney, minorToDecimalString } from '~/platform/money.ts';

const requestedIntents = new Set(['amount', 'pause', 'resume', 'cancel', 'card']);

export async function buildMonthlyGiftPage({
  donorId,
  reference,
  locale,
  requested,
}: {
  donorId: string;
  reference: string;
  locale: Locale;
  requested: string | null;
}) {
  const gift = await findDonorMonthlyGift({ donorId, reference });
  if (!gift) throw new Response('Not Found', { status: 404 });
  const t = getT(locale, 'monthly');
  const next = await previewNextMonthlyPayment(gift);
  const earmark =
    gift.earmark.kind === 'PROJECT'
      ? t('earmark.project', { code: gift.earmark.projectCode ?? '', title: pickText(gift.earmark.projectTitle, locale) })
      : gift.earmark.kind === 'PROGRAMME'
        ? t('earmark.programme', { title: pickText(gift.earmark.programmeTitle, locale) })
        : t('earmark.general');
  const giftMinor = gift.coversFee ? giftBeforeFee(gift.amountMinor, gift.currency) : gift.amountMinor;
  return {
    title: pageTitle(locale, t('page.title', { reference: gift.reference })),
    reference: gift.reference,
    currency: gift.currency,
    state: gift.state,
    coversFee: gift.coversFee,
    amount: formatMoney(gift.amountMinor, gift.currency, locale),
    /** The gift the donor typed (before a covered fee), as the amount field's starting value */
    giftAmount: minorToDecimalString(giftMinor, gift.currency),
    earmark,
    startedOn: formatDate(gift.startedAt, locale),
    next: next ? { on: formatDate(next.at, locale), amount: formatMoney(next.amountMinor, gift.currency, locale) } : null,
    requested: requested && requestedIntents.has(requested) ? requested : null,
  };
}

export type MonthlyActionAnswer =
  | { kind: 'redirect'; to: string }
  | { kind: 'invalid'; status: number; intent: string; result: SubmissionResult<string[]> | null; error: string | null };

const errorStatus: Record<MonthlyRequestError, number> = {
  notFound: 404,
  ended: 409,
  alreadyPaused: 409,
  notPaused: 409,
  unchanged: 400,
  providerUnavailable: 502,
};

/**
 * A form of the page: checked (origin and session by the route), validated, then asked of Stripe.
 * Success goes back to the page, which says the request is with Stripe until the webhook
 * confirms it; a card update goes to Stripe's page. Nothing here writes our database.
 */
export async function runMonthlyGiftAction({
  donorId,
  reference,
  formData,
  locale,
}: {
  donorId: string;
  reference: string;
  formData: FormData;
  locale: Locale;
}): Promise<MonthlyActionAnswer> {
  const gift = await findDonorMonthlyGift({ donorId, reference });
  if (!gift) throw new Response('Not Found', { status: 404 });
  const intent = String(formData.get('intent') ?? '');
  const submission = parseWithZod(formData, { schema: createMonthlyGiftSchema(gift.currency) });
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.invalid';
    return { kind: 'invalid', status: 400, intent, result: submission.reply(), error: intent === 'amount' ? null : first };
  }
  const target = { donorId, reference: gift.reference };
  const page = monthlyGiftPath(gift.reference);
  const value = submission.value;
  try {
    if (value.intent === 'card') {
      const opened = await requestMonthlyCardUpdate({ ...target, locale, returnUrl: absoluteUrl(`${page}?requested=card`) });
      if (opened.ok) return { kind: 'redirect', to: opened.url };
      return { kind: 'invalid', status: errorStatus[opened.error], intent, result: null, error: `errors.${opened.error}` };
    }
    const outcome =
      value.intent === 'amount'
        ? await requestMonthlyAmountChange({ ...target, giftMinor: value.amount })
        : value.intent === 'pause'
          ? await requestMonthlyPause(target)
          : value.intent === 'resume'
            ? await requestMonthlyResume(target)
            : await requestMonthlyCancel(target);
    if (outcome.ok) return { kind: 'redirect', to: `${page}?requested=${value.intent}` };
    const error = `errors.${outcome.error}`;
    return {
      kind: 'invalid',
      status: errorStatus[outcome.error],
      intent,
      result: value.intent === 'amount' ? submission.reply({ fieldErrors: { amount: [error] } }) : null,
      error: value.intent === 'amount' ? null : error,
    };
  } catch (error) {
    if (error instanceof MonthlyGiftNotFoundError) throw new Response('Not Found', { status: 404 });
    throw error;
  }
}
