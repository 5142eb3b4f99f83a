// Data and the "Pay now" action of the donor's own pledge pages: /give/transfer/:reference (bank
// transfer instructions) and /give/pledge/:reference (the schedule). Both are reached only through
// the signed link the donor was given (?t=…, app/giving/pledge-links.server.ts); anything else is 404.
import { data, redirect } from '@remix-run/node';
import { GivingError, startInstalmentCheckout } from './giving-commands.server.ts';
import { getBankTransferInstructions, getPledgeOverview } from './giving-queries.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { transferPath, verifyPledgeAccess } from './pledge-links.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { formatPledge } from './pledge-format.server.ts';

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
