// The /give action: honeypot → the same schema the browser ran → a per-IP ceiling on new pledges
// → the giving service → a 303 to Stripe Checkout, the bank-transfer instructions or the pledge
// schedule. Every refusal re-renders the form with the donor's input kept (submission.reply()).
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from '@remix-run/node';
import { GivingError, startGiving } from '~/giving/giving-commands.server.ts';
import { createRateLimiter } from '~/platform/rate-limit.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { consentWording } from '~/ledger/consent-wording.server.ts';
import { createGiveSchema, HONEYPOT_FIELD, todayIso, toGiveRequest } from '~/giving/give-schema.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { pledgePath, transferPath } from '~/giving/pledge-links.server.ts';
import { assertSameOrigin, getClientIp } from '~/platform/request.server.ts';
import { appealAttributionCookie } from '~/platform/sessions/appeal-attribution-cookie.server.ts';

/**
 * New pledges per client IP per 10 minutes (PLEDGE_RATE_LIMIT, default 10): generous for a family
 * or an office behind one address; the pledge benchmark raises it for its 50 simulated donors.
 */
export function giveLimitPerIp(): number {
  return getEnv().PLEDGE_RATE_LIMIT;
}
const GIVE_WINDOW_MS = 10 * 60 * 1000;
let limiter: ReturnType<typeof createRateLimiter> | undefined;
const giveLimiter = () => (limiter ??= createRateLimiter({ name: 'give', limit: giveLimitPerIp(), windowMs: GIVE_WINDOW_MS }));

/** Forgets every counted pledge (tests; an operator could expose it later). */
export function resetGiveRateLimit(): Promise<void> {
  return giveLimiter().reset();
}

// The schema depends only on today's date (a first due date may not be in the past): built once a
// day, not for every submission (building it was 5 % of the action's CPU under load).
let schemaOfTheDay: { day: string; schema: ReturnType<typeof createGiveSchema> } | undefined;
function giveSchemaForToday() {
  const day = todayIso();
  if (schemaOfTheDay?.day !== day) schemaOfTheDay = { day, schema: createGiveSchema() };
  return schemaOfTheDay.schema;
}

// Provider trouble is not the donor's fault: 503, so monitoring sees it; the rest are input errors.
function statusFor(error: GivingError): number {
  return error.code === 'providerUnavailable' || error.code === 'noExchangeRate' ? 503 : 400;
}

export async function giveAction({ request, context }: { request: Request; context: unknown }) {
  assertSameOrigin(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: giveSchemaForToday() });
  // A bot filled the field people never see: nothing is created, and the answer says nothing useful.
  if (formData.get(HONEYPOT_FIELD)) {
    return data({ result: submission.reply({ formErrors: ['errors.honeypot'] }) }, { status: 400 });
  }
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });

  // Counted only for complete forms: a donor fixing typos is not slowed down.
  const limit = await giveLimiter().hit(getClientIp(context));
  if (!limit.allowed) {
    return data(
      { result: submission.reply({ formErrors: ['errors.rateLimited'] }) },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    );
  }

  const { locale } = resolveLocale(request);
  let outcome;
  try {
    outcome = await startGiving(
      { ...toGiveRequest(submission.value, locale), consentWording: consentWording(locale) },
      // A tracked appeal link's cookie names the recipient; the service keeps it only for that appeal.
      { origin: getEnv().APP_ORIGIN, appealRecipientId: await appealAttributionCookie.read(request) },
    );
  } catch (error) {
    if (!(error instanceof GivingError)) throw error;
    const key = `errors.${error.code}`;
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [key] } }) : submission.reply({ formErrors: [key] });
    return data({ result: reply }, { status: statusFor(error) });
  }
  if (outcome.kind === 'checkout') return redirect(outcome.url, 303);
  if (outcome.kind === 'bank-transfer') return redirect(transferPath(outcome.reference), 303);
  return redirect(pledgePath(outcome.reference), 303);
}
