// The giving pages through their real loaders and actions on a real database: the one form schema
// (amounts per currency exponent, cross-field rules, fee), every message translated, prefill and
// notices, the action's refusals that keep the donor's input (validation, honeypot, rate limit,
// unknown earmark, missing rate), the redirects to Checkout / transfer / pledge pages, the
// signed links of the pledge pages, and the thank-you page that only reads what webhooks wrote.
import { readFileSync } from 'node:fs';
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGivingFixture, startEmulatorForTests, stripeEvents } from '../giving/giving-fixture.ts';
import { applyStripeEvent } from '~/giving/stripe/stripe-event-commands.server.ts';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import GiveThanks from '~/routes/give.thanks/route.tsx';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { giveLimitPerIp, resetGiveRateLimit } from '~/routes/give._index/give-action.server.ts';
import { action as giveAction, loader as giveLoader } from '~/routes/give._index/route.tsx';
import { action as pledgeAction, loader as pledgeLoader } from '~/routes/give.pledge.$reference.tsx';
import { loader as thanksLoader } from '~/routes/give.thanks/route.tsx';
import { loader as transferLoader } from '~/routes/give.transfer.$reference/route.tsx';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createGiveSchema, processingFeeMinor, toGiveRequest, type GiveFormOutput } from '~/giving/give-schema.ts';
import { locales } from '~/platform/i18n.ts';
import { pledgeAccessToken, verifyPledgeAccess } from '~/giving/pledge-links.server.ts';

const db = getPrisma();
const ORIGIN = 'http://localhost:3000';
const NOW = new Date('2030-06-15T12:00:00Z');
const schema = createGiveSchema(NOW);
/** A first due date the action accepts (not in the past) even when the day ends during the test. */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

// ------------------------------------------------------------------------------------ helpers

const validForm = {
  amount: '50',
  currency: 'EUR',
  frequency: 'once',
  method: 'bank_transfer',
  earmark: 'general',
  donorType: 'individual',
  givenName: 'Ana',
  familyName: 'Silva',
  email: 'ana@example.org',
  consentImpactReports: 'on',
};

function post(
  path: string,
  fields: Record<string, string>,
  { origin = ORIGIN, cookie }: { ip?: string; origin?: string; cookie?: string } = {},
) {
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin });
  if (cookie) headers.set('Cookie', cookie);
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

const context: AppLoadContext = { cspNonce: 'test' };
const get = (path: string) => new Request(`${ORIGIN}${path}`);

/** A route's answer: a thrown or returned Response, or data() with its status. */
async function answer(
  run: () => Promise<unknown>,
): Promise<{ status: number; location?: string | null; data?: unknown; headers: Headers }> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), headers: result.headers };
    if (result && typeof result === 'object' && 'type' in result && result.type === 'DataWithResponseInit') {
      const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null };
      return { status: init?.status ?? 200, data, headers: new Headers(init?.headers) };
    }
    return { status: 200, data: result, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), headers: thrown.headers };
    throw thrown;
  }
}

/** A /give post from `options.ip` (default 198.51.100.7), as the server entry passes it in the load context. */
const give = (fields: Record<string, string>, options?: Parameters<typeof post>[2]) =>
  answer(() =>
    giveAction({ request: post('/give', fields, options), params: {}, context: { ...context, clientIp: options?.ip ?? '198.51.100.7' } }),
  );

interface Reply {
  result: { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };
}
const reply = (data: unknown) => (data as Reply).result;

async function loadGive(query = '') {
  const { data } = await answer(() => giveLoader({ request: get(`/give${query}`), params: {}, context }));
  return data as Awaited<ReturnType<typeof giveLoader>>['data'];
}

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const parsed = schema.safeParse(input);
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error?.issues ?? []) (errors[issue.path.join('.')] ??= []).push(issue.message);
  return errors;
}

// ------------------------------------------------------------------------------------ schema

describe('the give schema', () => {
  it('parses amounts by the currency’s exponent: JPY whole units, KWD three decimals', () => {
    const parse = (amount: string, currency: string) => schema.parse({ ...validForm, amount, currency });
    expect(toGiveRequest(parse('5000', 'JPY'), 'en').amountMinor).toBe(5000n);
    expect(toGiveRequest(parse('10.125', 'KWD'), 'en').amountMinor).toBe(10125n);
    expect(toGiveRequest(parse('1 234,50', 'EUR'), 'en').amountMinor).toBe(123450n);
    expect(errorsOf({ ...validForm, amount: '50.5', currency: 'JPY' }).amount).toEqual(['errors.amountTooManyDecimals']);
    expect(errorsOf({ ...validForm, amount: '10.1234', currency: 'KWD' }).amount).toEqual(['errors.amountTooManyDecimals']);
    expect(errorsOf({ ...validForm, amount: 'fifty' }).amount).toEqual(['errors.amountInvalid']);
    expect(errorsOf({ ...validForm, amount: '0.99', currency: 'USD' }).amount).toEqual(['errors.amountTooSmall']);
    expect(errorsOf({ ...validForm, amount: '10000000.01', currency: 'USD' }).amount).toEqual(['errors.amountTooLarge']);
    expect(errorsOf({ ...validForm, currency: 'XAU' }).currency).toEqual(['errors.currencyInvalid']);
  });

  it('keeps monthly gifts on cards and asks a pledge in instalments for its schedule', () => {
    expect(errorsOf({ ...validForm, frequency: 'monthly', method: 'bank_transfer' }).method).toEqual(['errors.monthlyNeedsCard']);
    expect(errorsOf({ ...validForm, frequency: 'instalments' })).toMatchObject({
      instalmentCount: ['errors.instalmentCountInvalid'],
      firstDueOn: ['errors.dateRequired'],
      intervalMonths: ['errors.intervalInvalid'],
    });
    const schedule = { frequency: 'instalments', instalmentCount: '3', intervalMonths: '3' };
    expect(errorsOf({ ...validForm, ...schedule, firstDueOn: '2030-06-14' }).firstDueOn).toEqual(['errors.dateInPast']);
    expect(errorsOf({ ...validForm, ...schedule, instalmentCount: '1', firstDueOn: '2030-06-15' }).instalmentCount).toEqual([
      'errors.instalmentCountInvalid',
    ]);
    expect(errorsOf({ ...validForm, ...schedule, intervalMonths: '2', firstDueOn: '2030-06-15' }).intervalMonths).toEqual([
      'errors.intervalInvalid',
    ]);
    expect(errorsOf({ ...validForm, ...schedule, firstDueOn: '2030-06-15' })).toEqual({});
    // A date that does not exist, and one too far ahead (9999-12-31 used to reach PostgreSQL: a 500).
    expect(errorsOf({ ...validForm, ...schedule, firstDueOn: '2030-02-30' }).firstDueOn).toEqual(['errors.dateInvalid']);
    expect(errorsOf({ ...validForm, ...schedule, firstDueOn: '9999-12-31' }).firstDueOn).toEqual(['errors.dateTooFar']);
    expect(errorsOf({ ...validForm, ...schedule, firstDueOn: '2031-06-16' }).firstDueOn).toEqual(['errors.dateTooFar']);
    expect(errorsOf({ ...validForm, ...schedule, firstDueOn: '2031-06-15' })).toEqual({});
  });

  it('asks an earmark for its programme or project, and a company for its name', () => {
    expect(errorsOf({ ...validForm, earmark: 'programme' }).programme).toEqual(['errors.programmeRequired']);
    expect(errorsOf({ ...validForm, earmark: 'project' }).project).toEqual(['errors.projectRequired']);
    expect(errorsOf({ ...validForm, donorType: 'company' }).organisationName).toEqual(['errors.organisationRequired']);
    expect(errorsOf({ ...validForm, website: 'http://spam.example' }).website).toEqual(['errors.honeypot']);
    expect(errorsOf({ ...validForm, dedication: 'x'.repeat(201) }).dedication).toEqual(['errors.tooLong']);
  });

  it('drops what does not apply to the chosen options', () => {
    const output: GiveFormOutput = schema.parse({
      ...validForm,
      instalmentCount: '4',
      firstDueOn: '2030-07-01',
      intervalMonths: '1',
      programme: 'corruption',
      organisationName: 'Acme',
    });
    const request = toGiveRequest(output, 'fr');
    expect(request).toMatchObject({ amountMinor: 5000n, currency: 'EUR', locale: 'fr', consentImpactReports: true, consentAppeals: false });
    for (const key of [
      'instalmentCount',
      'firstDueOn',
      'intervalMonths',
      'programme',
      'project',
      'organisationName',
      'website',
      'amount',
    ]) {
      expect(request, key).not.toHaveProperty(key);
    }
  });

  it('computes the processing fee as 3 % rounded up to the next minor unit', () => {
    const cases: [bigint, bigint][] = [
      [5000n, 150n],
      [1n, 1n],
      [0n, 0n],
      [3333n, 100n],
      [101n, 4n],
      [100000n, 3000n],
    ];
    for (const [amount, fee] of cases) expect(processingFeeMinor(amount), String(amount)).toBe(fee);
  });

  it('has a translation in all six languages for every message the schema and the service can give', () => {
    const schemaKeys = [...readFileSync('app/giving/give-schema.ts', 'utf8').matchAll(/'(errors\.\w+)'/g)].map((m) => m[1]);
    const typeSource = readFileSync('app/giving/giving-types.ts', 'utf8');
    const codes = /type GivingErrorCode =([^;]+);/.exec(typeSource)?.[1] ?? '';
    const serviceKeys = [...codes.matchAll(/'(\w+)'/g)].map((m) => `errors.${m[1]}`);
    expect(schemaKeys.length).toBeGreaterThan(15);
    expect(serviceKeys).toContain('errors.providerUnavailable');
    for (const lng of locales) {
      const bundle = JSON.parse(readFileSync(`app/locales/${lng}/give.json`, 'utf8')) as { errors: Record<string, string> };
      for (const key of [...schemaKeys, ...serviceKeys, 'errors.rateLimited', 'errors.summaryTitle']) {
        expect(bundle.errors[key?.slice('errors.'.length) ?? ''], `${lng}: ${key}`).toBeTruthy();
      }
    }
  });
});

// ------------------------------------------------------------------------------------ routes

let emulator: StripeEmulator;

beforeAll(async () => {
  ({ emulator } = await startEmulatorForTests());
  const { programme, project } = await buildGivingFixture(db);
  await db.project.create({
    data: {
      code: 'GLOT01',
      programmeId: programme.id,
      title: { en: 'Finished work' },
      description: { en: 'Done' },
      regionCode: '002',
      sectorCode: '15130',
      status: 'CLOSED',
      startDate: new Date(Date.UTC(2010, 0, 1)),
      endDate: new Date(Date.UTC(2012, 11, 31)),
    },
  });
  await db.appeal.create({
    data: {
      slug: 'winter-appeal',
      title: { en: 'Winter appeal', fr: 'Appel d’hiver' },
      subject: {},
      body: {},
      goalUsdMinor: 1_000_000n,
      segment: {},
      projectId: project.id,
      status: 'SENT',
    },
  });
  // The fixture writes requirements directly: bring the summaries in step for the ledger check.
  await refreshFundingSummaries({ db });
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => resetGiveRateLimit());

describe('GET /give', () => {
  it('starts general-purpose, once, by card, in US dollars, with the open projects and the countries', async () => {
    const page = await loadGive('?lng=en');
    expect(page.defaultValue).toMatchObject({
      currency: 'USD',
      frequency: 'once',
      method: 'card',
      earmark: 'general',
      donorType: 'individual',
    });
    expect(page.programmes).toEqual([{ slug: 'trafficking', title: 'Trafficking in persons' }]);
    expect(page.projects.map((p) => p.code)).toEqual(['GLOT59']);
    expect(page.countries).toContainEqual({ code: 'FR', name: 'France' });
    expect(page.countries.find((c) => c.code === 'EU')).toBeUndefined();
    const jpy = page.currencies.find((c) => c.code === 'JPY');
    expect(jpy).toMatchObject({ exponent: 0 });
    expect(jpy?.hint).toContain('no decimal places');
    expect(jpy?.quick.map((q) => q.value)).toEqual(['3000', '5000', '10000', '30000']);
    expect(page.currencies.find((c) => c.code === 'KWD')?.quick[0]?.value).toBe('10.000');
    expect(page.notices).toEqual([]);
  });

  it('prefills the earmark from ?programme= and ?project= (any case), and the appeal with its title', async () => {
    expect((await loadGive('?programme=trafficking')).defaultValue).toMatchObject({ earmark: 'programme', programme: 'trafficking' });
    expect((await loadGive('?project=glot59')).defaultValue).toMatchObject({ earmark: 'project', project: 'GLOT59' });
    const appeal = await loadGive('?appeal=winter-appeal&lng=fr');
    expect(appeal.appeal).toEqual({ slug: 'winter-appeal', title: 'Appel d’hiver' });
    // The appeal is for a project: the gift goes there unless the link chose otherwise.
    expect(appeal.defaultValue).toMatchObject({ appeal: 'winter-appeal', earmark: 'project', project: 'GLOT59' });
    expect((await loadGive('?appeal=winter-appeal&programme=trafficking')).defaultValue).toMatchObject({ earmark: 'programme' });
  });

  it('turns unknown prefill values into notices, never errors, and keeps the gift general-purpose', async () => {
    const page = await loadGive('?programme=nonsense&project=GLOT01&appeal=gone&resume=4b1c2d3e-0000-4000-8000-000000000000&lng=en');
    // A resume id that matches nothing is reported, and the other prefills are then still honoured.
    expect(page.notices.map((n) => n.text)).toEqual([
      'We could not restore the details of your previous attempt. Please fill in the form again.',
      expect.stringContaining('“nonsense”'),
      expect.stringContaining('“GLOT01”'),
      expect.stringContaining('“gone”'),
    ]);
    expect(page.defaultValue).toMatchObject({ earmark: 'general' });
    expect(page.defaultValue).not.toHaveProperty('appeal');
    expect(page.appeal).toBeNull();
    const arabic = await loadGive('?programme=nonsense&lng=ar');
    expect(arabic.notices[0]?.text).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('POST /give', () => {
  it('refuses an invalid form with 400, keeps every value typed, and records nothing', async () => {
    const typed = { ...validForm, amount: '12.345', email: 'not-an-email', dedication: 'For Maria', countryCode: 'PT' };
    const { status, data } = await give(typed);
    expect(status).toBe(400);
    const result = reply(data);
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ amount: ['errors.amountTooManyDecimals'], email: ['errors.emailInvalid'] });
    expect(result.initialValue).toMatchObject(typed);
    expect(await db.pledge.count()).toBe(0);
  });

  it('answers a filled honeypot with a generic form error, changing nothing', async () => {
    const { status, data } = await give({ ...validForm, website: 'https://cheap.example' });
    expect(status).toBe(400);
    expect(reply(data).error?.['']).toEqual(['errors.honeypot']);
    expect(reply(data).initialValue).toMatchObject({ givenName: 'Ana', amount: '50' });
    expect(await db.pledge.count()).toBe(0);
    expect(await db.donor.count()).toBe(0);
  });

  it('refuses control characters (a NUL byte used to make a 500) on their field, recording nothing', async () => {
    const { status, data } = await give({ ...validForm, givenName: 'A\u0000B', organisationName: 'X\u0007', project: 'GLO\u0000' });
    expect(status).toBe(400);
    expect(reply(data).error).toMatchObject({ givenName: ['errors.invalidCharacters'] });
    expect(await db.pledge.count()).toBe(0);
    expect(await db.donor.count()).toBe(0);
    // Line breaks and tabs are text: a dedication may have them.
    expect(errorsOf({ ...validForm, dedication: 'For Ana,\r\n\twith love' })).toEqual({});
  });

  it('refuses a cross-origin post', async () => {
    expect((await give(validForm, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('records a bank-transfer pledge with the consent wording the donor read, then 303s to its signed instructions', async () => {
    const { status, location } = await give({ ...validForm, amount: '75,50' }, { cookie: 'lng=fr' });
    expect(status).toBe(303);
    const match = /^\/give\/transfer\/([^?]+)\?t=(.+)$/.exec(location ?? '');
    expect(match).not.toBeNull();
    const [, reference = '', token = ''] = match ?? [];
    expect(verifyPledgeAccess(decodeURIComponent(reference), token)).toBe(true);
    const pledge = await db.pledge.findUniqueOrThrow({ where: { reference: decodeURIComponent(reference) } });
    expect(pledge).toMatchObject({ amountMinor: 7550n, currency: 'EUR', method: 'BANK_TRANSFER' });
    const consents = await db.donorConsent.findMany({ where: { donorId: pledge.donorId } });
    const french = JSON.parse(readFileSync('app/locales/fr/give.json', 'utf8')) as { consent: { impactReports: string } };
    expect(consents.map((c) => ({ kind: c.kind, wording: c.wording, locale: c.locale }))).toEqual([
      { kind: 'IMPACT_REPORTS', wording: french.consent.impactReports, locale: 'fr' },
    ]);
  });

  it('puts service refusals on their field and keeps the input: unknown programme, closed project, no exchange rate', async () => {
    const unknown = await give({ ...validForm, earmark: 'programme', programme: 'atlantis' });
    expect(unknown.status).toBe(400);
    expect(reply(unknown.data).error).toMatchObject({ programme: ['errors.unknownProgramme'] });
    expect(reply(unknown.data).initialValue).toMatchObject({ programme: 'atlantis', givenName: 'Ana' });

    const closed = await give({ ...validForm, earmark: 'project', project: 'GLOT01' });
    expect(reply(closed.data).error).toMatchObject({ project: ['errors.closedProject'] });

    await db.fxRate.deleteMany({ where: { currency: 'NOK' } });
    const noRate = await give({ ...validForm, currency: 'NOK', amount: '500' });
    expect(noRate.status).toBe(503);
    expect(reply(noRate.data).error).toMatchObject({ currency: ['errors.noExchangeRate'] });
    expect(await db.pledge.count({ where: { currency: 'NOK' } })).toBe(0);
  });

  it('allows PLEDGE_RATE_LIMIT (10) pledges per address in ten minutes, then answers 429 with the input kept', async () => {
    for (let i = 0; i < giveLimitPerIp(); i++) expect((await give(validForm, { ip: '203.0.113.50' })).status).toBe(303);
    const refused = await give({ ...validForm, givenName: 'Eleven' }, { ip: '203.0.113.50' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(reply(refused.data).error?.['']).toEqual(['errors.rateLimited']);
    expect(reply(refused.data).initialValue).toMatchObject({ givenName: 'Eleven' });
    // Invalid forms are not counted, and other addresses are not affected.
    expect((await give({ ...validForm, email: 'x' }, { ip: '203.0.113.50' })).status).toBe(400);
    expect((await give(validForm, { ip: '203.0.113.51' })).status).toBe(303);
  });

  it('sends a card gift to Stripe Checkout with an external 303, and instalments by card to the pledge page', async () => {
    const once = await give({ ...validForm, method: 'card' });
    expect(once.status).toBe(303);
    expect(once.location?.startsWith(emulator.url)).toBe(true);

    const instalments = await give({
      ...validForm,
      method: 'card',
      frequency: 'instalments',
      instalmentCount: '3',
      firstDueOn: tomorrow(),
      intervalMonths: '1',
    });
    expect(instalments.status).toBe(303);
    expect(instalments.location).toMatch(/^\/give\/pledge\/[^?]+\?t=/);
  });
});

describe('the pledge pages', () => {
  async function pledgeBy(fields: Record<string, string>) {
    const { location } = await give({ ...validForm, ...fields }, { ip: `192.0.2.${Math.floor(Math.random() * 250)}` });
    const url = new URL(location ?? '', ORIGIN);
    const reference = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    return { reference, path: `${url.pathname}${url.search}` };
  }
  const schedule = () => ({ frequency: 'instalments', instalmentCount: '3', firstDueOn: tomorrow(), intervalMonths: '3' });

  it('shows bank details, the reference and each transfer only with the signed link; 404 otherwise', async () => {
    const { reference, path } = await pledgeBy({ ...schedule(), amount: '100' });
    const load = (url: string) => answer(() => transferLoader({ request: get(url), params: { reference }, context }));
    expect((await load(`/give/transfer/${reference}`)).status).toBe(404);
    expect((await load(`/give/transfer/${reference}?t=${pledgeAccessToken('OTHER')}`)).status).toBe(404);
    const ok = await load(`${path}&lng=en`);
    expect(ok.status).toBe(200);
    const page = ok.data as Awaited<ReturnType<typeof transferLoader>>['data'];
    expect(page.pledge.reference).toBe(reference);
    expect(page.bank.iban).toBeTruthy();
    expect(page.pledge.instalments.map((i) => i.amount)).toEqual(['€33.34', '€33.33', '€33.33']);
    expect(page.pledge.instalments.every((i) => !i.payable)).toBe(true);
  });

  it('lists a card pledge’s instalments with "Pay now", whose post opens Checkout for that instalment', async () => {
    const { reference, path } = await pledgeBy({ ...schedule(), method: 'card', amount: '90' });
    const page = (await answer(() => pledgeLoader({ request: get(path), params: { reference }, context }))).data as Awaited<
      ReturnType<typeof pledgeLoader>
    >['data'];
    expect(page.pledge.instalments).toHaveLength(3);
    expect(page.pledge.instalments.every((i) => i.payable && i.status === 'due')).toBe(true);
    expect(page.transferHref).toBeNull();

    const instalmentId = page.pledge.instalments[1]?.id ?? '';
    const pay = (url: string, fields: Record<string, string>) =>
      answer(() => pledgeAction({ request: post(url, fields), params: { reference }, context }));
    expect((await pay(`/give/pledge/${reference}`, { instalmentId })).status).toBe(404);
    const paid = await pay(path, { instalmentId });
    expect(paid.status).toBe(303);
    expect(paid.location?.startsWith(emulator.url)).toBe(true);
    const session = await db.checkoutSession.findFirstOrThrow({ where: { instalmentId } });
    expect(paid.location).toBe(session.url);
    const wrong = await pay(path, { instalmentId: '00000000-0000-4000-8000-000000000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toEqual({ error: 'errors.unknownPledge' });
  });

  it('thank-you page: unknown sessions say so; an open session is "processing" and refreshes until it gives up', async () => {
    const load = async (query: string) =>
      (await answer(() => thanksLoader({ request: get(`/give/thanks${query}`), params: {}, context }))).data as Awaited<
        ReturnType<typeof thanksLoader>
      >['data'];
    expect((await load('')).status).toBe('unknown');
    expect((await load('?session_id=<script>')).status).toBe('unknown');
    expect((await load('?session_id=cs_test_doesnotexist')).status).toBe('unknown');

    await give({ ...validForm, method: 'card' }, { ip: '192.0.2.200' });
    const session = await db.checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { pledge: true } });
    const waiting = await load(`?session_id=${session.stripeSessionId}&lng=en`);
    expect(waiting.status).toBe('processing');
    expect(waiting.pledge?.reference).toBe(session.pledge.reference);
    expect(waiting.pledge?.amount).toBe('€50.00');
    expect(waiting.refreshUrl).toBe(`/give/thanks?session_id=${session.stripeSessionId}&poll=1`);
    expect((await load(`?session_id=${session.stripeSessionId}&poll=39`)).refreshUrl).toMatch(/poll=40$/);
    expect((await load(`?session_id=${session.stripeSessionId}&poll=40`)).refreshUrl).toBeNull();
    // Coming back from Checkout proves nothing: still no payment recorded.
    expect(await db.payment.count({ where: { pledgeId: session.pledgeId } })).toBe(0);
  });

  it('thank-you page after instalment 1 of a $600 pledge: paid now is that instalment, the total is the pledge and the schedule shows the rest', async () => {
    const { reference, path } = await pledgeBy({ ...schedule(), method: 'card', amount: '600', currency: 'USD' });
    const pledgePage = (await answer(() => pledgeLoader({ request: get(path), params: { reference }, context }))).data as Awaited<
      ReturnType<typeof pledgeLoader>
    >['data'];
    const first = pledgePage.pledge.instalments[0]?.id ?? '';
    expect(
      (await answer(() => pledgeAction({ request: post(path, { instalmentId: first }), params: { reference }, context }))).status,
    ).toBe(303);
    const session = await db.checkoutSession.findFirstOrThrow({ where: { instalmentId: first } });
    const load = async () =>
      (await answer(() => thanksLoader({ request: get(`/give/thanks?session_id=${session.stripeSessionId}&lng=en`), params: {}, context })))
        .data as Awaited<ReturnType<typeof thanksLoader>>['data'];

    const waiting = await load();
    expect(waiting.status).toBe('processing');
    expect(waiting.payment).toEqual({ label: 'Being paid now', amount: '$200.00', instalment: 'instalment 1 of 3' });

    await emulator.payCheckoutSession(session.stripeSessionId, { card: '4242424242424242' });
    const completed = stripeEvents(emulator).filter(
      (event) => event.type === 'checkout.session.completed' && (event.data.object as { id?: string }).id === session.stripeSessionId,
    );
    expect(completed).toHaveLength(1);
    await applyStripeEvent(completed[0]!);

    const paid = await load();
    expect(paid.status).toBe('paid');
    expect(paid.payment).toEqual({ label: 'Paid now', amount: '$200.00', instalment: 'instalment 1 of 3' });
    expect(paid.pledge?.amount).toBe('$600.00');
    expect(paid.pledge?.isInstalments).toBe(true);
    expect(paid.pledge?.instalments.map((row) => [row.amount, row.paid, row.status])).toEqual([
      ['$200.00', '$200.00', 'paid'],
      ['$200.00', '$0.00', 'due'],
      ['$200.00', '$0.00', 'due'],
    ]);

    // The rendered page: "Paid now $200.00 (instalment 1 of 3)", $600.00 labelled as the pledge's total, and the schedule.
    const html = renderThanks(paid).replace(/<!-- -->/g, '');
    expect(html).toMatch(/<dt>Paid now<\/dt><dd><strong>\$200\.00<\/strong> \(instalment 1 of 3\)<\/dd>/);
    expect(html).toContain('<dt>Pledge total</dt><dd>$600.00</dd>');
    expect(html).not.toContain('<dt>Amount</dt>');
    expect(html).toContain('<caption>Instalments of this pledge</caption>');
  });
});

/** The thank-you page as the server renders it, with the given loader data and English strings. */
function renderThanks(page: Awaited<ReturnType<typeof thanksLoader>>['data']): string {
  const router = createMemoryRouter([{ path: '/give/thanks', Component: GiveThanks, loader: () => page }], {
    initialEntries: ['/give/thanks'],
    hydrationData: { loaderData: { 0: page } },
  });
  return renderToStaticMarkup(
    createElement(I18nextProvider, { i18n: getI18nInstance('en', getLocaleResources('en')) }, createElement(RouterProvider, { router })),
  );
}
