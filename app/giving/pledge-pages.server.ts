// Data and the "Pay now" action of the donor's own pledge pages: /give/transfer/:reference (bank
// transfer instructions) and /give/pledge/:reference (the schedule). Both are reached only through
// the signed link the donor was given (?t=…, app/giving/pledge-links.server.ts); anything else is 404.
import { data, redirect } from '@remix-run/node';
import { GivingError, startInstalmentCheckout } from './giving-commands.server.ts';
import { getBankTransferInstructions, getPledgeOverview, isPledgeOfDonor } from './giving-queries.server.ts';
import type { PledgeOverview } from './giving-types.ts';
import { formatMoney } from '~/platform/money.ts';
import { getEnv } from '~/platform/env.server.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { transferPath, verifyPledgeAccess } from './pledge-links.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { formatPledge, isPayableByCard } from './pledge-format.server.ts';

const REFERENCE = /^[A-Za-z0-9-]{1,64}$/;

function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

/** Throws 404 unless the URL carries this pledge's access token. */
function requireAccess(request: Request, reference: string): void {
  const token = new URL(request.url).searchParams.get('t');
  if (!REFERENCE.test(reference) || !verifyPledgeAccess(reference, token)) throw notFound();
}

export async function buildTransferPage(request: Request, reference: string, locale: Locale) {
  requireAccess(request, reference);
  const instructions = await getBankTransferInstructions({ reference, locale });
  if (!instructions) throw notFound();
  const t = getT(locale, 'give');
  return {
    title: pageTitle(locale, t('transfer.title')),
    pledge: formatPledge(instructions.pledge, locale),
    bank: instructions.bank,
  };
}

export async function buildPledgePage(request: Request, reference: string, locale: Locale) {
  requireAccess(request, reference);
  const overview = await getPledgeOverview({ reference, locale });
  if (!overview) throw notFound();
  const t = getT(locale, 'give');
  return {
    title: pageTitle(locale, t('pledge.title', { reference: overview.reference })),
    pledge: formatPledge(overview, locale),
    transferHref: overview.method === 'bank_transfer' && !overview.cancelled ? transferPath(overview.reference) : null,
  };
}

/** "Pay now" on one instalment: a Checkout session for it, then a 303 to the payment page. */
export async function payInstalmentAction(request: Request, reference: string) {
  assertSameOrigin(request);
  requireAccess(request, reference);
  const instalmentId = String((await request.formData()).get('instalmentId') ?? '');
  // The service decides what may be paid (card pledge, not cancelled, instalment unpaid).
  try {
    const { url } = await startInstalmentCheckout({ reference, instalmentId, origin: getEnv().APP_ORIGIN });
    return redirect(url, 303);
  } catch (error) {
    if (!(error instanceof GivingError)) throw error;
    return data({ error: `errors.${error.code}` }, { status: error.code === 'providerUnavailable' ? 503 : 400 });
  }
}

// The signed-in donor's own pledge in the donor account (/account/pledges/:reference, issue #14
// item 3): the same overview and bank details as the signed-link pages, found through the donor
// of the session instead of a token. Another donor's pledge, or none: 404.

async function ownPledgeOverview(donorId: string, reference: string, locale: Locale): Promise<PledgeOverview> {
  if (!REFERENCE.test(reference) || !(await isPledgeOfDonor({ reference, donorId }))) throw notFound();
  const overview = await getPledgeOverview({ reference, locale });
  if (!overview) throw notFound();
  return overview;
}

/** The instalment "Pay now" pays: the first one in the schedule still open, when the pledge is paid by card. */
function nextPayableInstalment(overview: PledgeOverview) {
  const next = overview.instalments.find((instalment) => instalment.status !== 'paid' && instalment.status !== 'written-off');
  return next && isPayableByCard(overview, next) ? next : null;
}

export async function buildOwnPledgePage({ donorId, reference, locale }: { donorId: string; reference: string; locale: Locale }) {
  const overview = await ownPledgeOverview(donorId, reference, locale);
  const t = getT(locale, 'account-pledges');
  const money = (minor: bigint) => formatMoney(minor, overview.currency, locale);
  const pledge = formatPledge(overview, locale);
  const open = overview.instalments.filter((instalment) => instalment.status !== 'paid' && instalment.status !== 'written-off');
  const paidMinor = overview.instalments.reduce((sum, instalment) => sum + BigInt(instalment.paidMinor), 0n);
  const owedMinor = open.reduce((sum, instalment) => {
    const left = BigInt(instalment.amountMinor) - BigInt(instalment.paidMinor);
    return sum + (left > 0n ? left : 0n);
  }, 0n);
  const next = nextPayableInstalment(overview);
  const nextRow = next ? pledge.instalments.find((row) => row.id === next.id) : undefined;
  const isTransfer = overview.method === 'bank_transfer' && !overview.cancelled;
  return {
    title: pageTitle(locale, t('title', { reference: overview.reference })),
    pledge,
    hasSchedule: overview.instalments.length > 0,
    paid: overview.instalments.length > 0 ? money(paidMinor) : null,
    owed: overview.instalments.length > 0 && !overview.cancelled ? money(owedMinor) : null,
    next: next && nextRow ? { id: next.id, number: nextRow.number, dueOn: nextRow.dueOn, amount: nextRow.amount } : null,
    bank: isTransfer ? ((await getBankTransferInstructions({ reference, locale }))?.bank ?? null) : null,
  };
}

export type OwnPledgePageData = Awaited<ReturnType<typeof buildOwnPledgePage>>;

/**
 * "Pay now" in the donor account: a Checkout session for the next open instalment of the donor's
 * own card pledge (the same command as the signed pledge page), then a 303 to Stripe. The form
 * names the instalment it showed; if that is no longer the next one (paid meanwhile), nothing is
 * started. The payment is recorded by the webhook only.
 */
export async function payOwnNextInstalmentAction({
  request,
  donorId,
  reference,
}: {
  request: Request;
  donorId: string;
  reference: string;
}) {
  assertSameOrigin(request);
  const overview = await ownPledgeOverview(donorId, reference, 'en');
  const next = nextPayableInstalment(overview);
  const instalmentId = String((await request.formData()).get('instalmentId') ?? '');
  if (!next) return data({ error: 'errors.unknownPledge' }, { status: 400 });
  if (next.id !== instalmentId) return data({ error: 'errors.alreadyPaid' }, { status: 409 });
  try {
    const { url } = await startInstalmentCheckout({ reference, instalmentId: next.id, origin: getEnv().APP_ORIGIN });
    return redirect(url, 303);
  } catch (error) {
    if (!(error instanceof GivingError)) throw error;
    return data({ error: `errors.${error.code}` }, { status: error.code === 'providerUnavailable' ? 503 : 400 });
  }
}
