// Issue #11 item 7: property-based fuzzing of every public input. Generated values (control
// characters and NUL, unicode, huge and odd numbers, empty strings, a field sent several times)
// go to every public form action, every query parameter and every path parameter of the public
// GET routes, through the real loaders and actions on a real database, with the Stripe emulator
// behind the give form. Nothing may answer 5xx (or throw), and no money fact (payment, reversal,
// allocation) may appear; the ledger check stays clean. Fixed seed, bounded runs: reproducible.
import type { AppLoadContext } from '@remix-run/node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGivingFixture, startEmulatorForTests } from '../giving/giving-fixture.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { giveRequest } from '../giving/giving-fixture.ts';
import { pledgeAccessToken } from '~/giving/pledge-links.server.ts';
import { resetGiveRateLimit } from '~/routes/give._index/give-action.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { loader as rootLoader } from '~/root.tsx';
import { loader as homeLoader } from '~/routes/_index/route.tsx';
import { loader as fundingLoader } from '~/routes/funding/route.tsx';
import { loader as countryLoader } from '~/routes/countries.$iso/route.tsx';
import { loader as regionLoader } from '~/routes/regions.$m49/route.tsx';
import { loader as programmesLoader } from '~/routes/programmes._index/route.tsx';
import { loader as programmeLoader } from '~/routes/programmes.$slug/route.tsx';
import { loader as projectLoader } from '~/routes/projects.$code/route.tsx';
import { loader as contributionsApi } from '~/routes/api.v1.contributions.ts';
import { loader as programmesApi } from '~/routes/api.v1.programmes.ts';
import { loader as projectsApi } from '~/routes/api.v1.projects.ts';
import { loader as openApi } from '~/routes/api.v1.openapi[.]json.ts';
import { loader as iatiActivities } from '~/routes/iati.activities[.]xml.ts';
import { loader as iatiOrganisation } from '~/routes/iati.organisation[.]xml.ts';
import { action as giveAction, loader as giveLoader } from '~/routes/give._index/route.tsx';
import { action as pledgeAction, loader as pledgeLoader } from '~/routes/give.pledge.$reference.tsx';
import { loader as transferLoader } from '~/routes/give.transfer.$reference/route.tsx';
import { loader as thanksLoader } from '~/routes/give.thanks/route.tsx';
import { action as loginAction, loader as loginLoader } from '~/routes/login.tsx';
import { action as verifyAction, loader as verifyLoader } from '~/routes/login_.verify.tsx';
import { action as logoutAction, loader as logoutLoader } from '~/routes/logout.tsx';
import { loader as notFoundLoader } from '~/routes/$.tsx';

const db = getPrisma();
const ORIGIN = 'http://localhost:3000';
/** Fixed: a failure names its seed and path, and CI runs the same values every time. */
const SEED = 20261205;
/** Per GET route and per form */
const RUNS = 30;
/** The give form has 25 fields: each gets its own runs, so none is left untried. */
const GIVE_RUNS_PER_FIELD = 12;
const context: AppLoadContext = { cspNonce: 'fuzz', clientIp: '203.0.113.9' };

let emulator: StripeEmulator;
let pledgePage: { reference: string; token: string; instalmentId: string };
let transferPage: { reference: string; token: string };

beforeAll(async () => {
  ({ emulator } = await startEmulatorForTests());
  await buildGivingFixture(db);
  // A card pledge in instalments: its page and "Pay now" action have real ids to fuzz around.
  const result = await startGiving(
    giveRequest({ frequency: 'instalments', instalmentCount: 3, intervalMonths: 1, firstDueOn: '2100-01-01', method: 'card' }),
    { origin: ORIGIN, now: new Date(Date.UTC(2099, 11, 1)) },
  );
  if (result.kind !== 'pledge') throw new Error(`expected a pledge page, got ${result.kind}`);
  const pledge = await db.pledge.findUniqueOrThrow({ where: { reference: result.reference }, include: { instalments: true } });
  pledgePage = { reference: pledge.reference, token: pledgeAccessToken(pledge.reference), instalmentId: pledge.instalments[0]!.id };
  const transfer = await startGiving(giveRequest({ method: 'bank_transfer' }), { origin: ORIGIN, now: new Date(Date.UTC(2099, 11, 1)) });
  if (transfer.kind !== 'bank-transfer') throw new Error(`expected a transfer, got ${transfer.kind}`);
  transferPage = { reference: transfer.reference, token: pledgeAccessToken(transfer.reference) };
});

afterAll(async () => {
  await emulator?.close();
});

// ------------------------------------------------------------------------------------ values

/** Text an attacker or a broken client might send. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\n\t',
  '%00',
  '%',
  '%E0%A4%A',
  '\uFEFF',
  '\u202Eevil',
  '𝟙𝟚𝟛',
  '١٢٣٫٤٥',
  '漢字',
  'ÄÖÜ',
  '9999-12-31',
  '0000-00-00',
  '2030-02-30',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '-0',
  '0x1F',
  '99999999999999999999999999999999999999',
  '9007199254740993',
  '-9223372036854775809',
  '1,5',
  '1 000 000.999',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '//evil.example/',
  'https://evil.example/',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  "'; DROP TABLE donors; --",
  'a'.repeat(5000),
);

/** A control character (NUL reached PostgreSQL, which refuses it: a 500) inside otherwise fine text. */
const withControl = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001f', '\u007f'), fc.string({ maxLength: 8 }))
  .map(([before, control, after]) => `${before}${control}${after}`);

const value = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 3, arbitrary: withControl },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -3000, max: 12000 }).map(String) },
  // Dates anywhere in 0000–9999 (fast-check favours the ends: 9999-12-31 reached PostgreSQL once).
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10)),
  },
);

/** One field: absent, once, or several times (an "array" of the same name). */
const occurrences = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string[]>([]) },
  { weight: 4, arbitrary: value.map((one) => [one]) },
  { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
);

/**
 * Form or query values: the valid `base`, with one to three of `names` (or `always` and at most one other) replaced by generated
 * values (absent, empty, odd, or sent several times) — so most inputs get past the first check
 * and reach the code behind it.
 */
function fieldsOf(names: readonly string[], base: Record<string, string> = {}, always?: string) {
  const others = names.filter((name) => name !== always);
  return fc
    .subarray(others, { minLength: always ? 0 : Math.min(1, names.length), maxLength: Math.min(always ? 1 : 3, others.length) })
    .map((chosen) => (always ? [always, ...chosen] : chosen))
    .chain((replaced) => fc.tuple(fc.constant(replaced), fc.array(occurrences, { minLength: replaced.length, maxLength: replaced.length })))
    .map(([replaced, values]) => {
      const params = new URLSearchParams();
      for (const name of names) {
        const index = replaced.indexOf(name);
        for (const one of index >= 0 ? values[index]! : base[name] !== undefined ? [base[name]] : []) params.append(name, one);
      }
      return params;
    });
}

// ------------------------------------------------------------------------------------ calls

/** A loader's or action's answer as the server would send it: a status, or a thrown error (a 500). */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    if (result && typeof result === 'object' && 'type' in result && result.type === 'DataWithResponseInit') {
      return (result as unknown as { init: ResponseInit | null }).init?.status ?? 200;
    }
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    // data() thrown (single fetch): an error response with its own status, as a thrown Response.
    if (thrown && typeof thrown === 'object' && 'type' in thrown && thrown.type === 'DataWithResponseInit') {
      return (thrown as unknown as { init: ResponseInit | null }).init?.status ?? 500;
    }
    // Remix answers anything else thrown with a 500.
    return 500;
  }
}

const getRequest = (path: string, params: URLSearchParams) => {
  const query = params.toString();
  return new Request(`${ORIGIN}${path}${query ? `?${query}` : ''}`, { headers: { 'Accept-Language': 'fr' } });
};

const postRequest = (path: string, body: URLSearchParams) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: body.toString(),
  });

type Loader = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;

/** A path segment as a router hands it over (decoded, whatever it holds); often one that exists. */
const pathParam = (known: () => string[]) =>
  fc.oneof(
    value,
    fc.constantFrom(...known()),
    fc.tuple(fc.constantFrom(...known()), withControl).map(([segment, control]) => `${segment}${control}`),
  );

async function fuzz<T>(arbitrary: fc.Arbitrary<T>, call: (input: T) => Promise<number>, numRuns = RUNS) {
  const seen: number[] = [];
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      const status = await call(input);
      seen.push(status);
      expect(status, `answered ${status}`).toBeLessThan(500);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
  if (process.env.FUZZ_DEBUG)
    console.log(
      expect.getState().currentTestName,
      JSON.stringify(seen.reduce<Record<number, number>>((n, s) => ({ ...n, [s]: (n[s] ?? 0) + 1 }), {})),
    );
  return seen;
}

// ------------------------------------------------------------------------------------ GET routes

const filterNames = ['year', 'from', 'to', 'programme', 'project', 'region', 'country', 'status', 'donorType', 'sort', 'dir', 'lng'];

interface GetRoute {
  name: string;
  path: string;
  loader: Loader;
  names: readonly string[];
  pathParam?: string;
  /** Segments that exist, and query values that open the page (the pledge pages' signed token) */
  known?: () => string[];
  base?: () => Record<string, string>;
  /** Answers every generated input with a refusal (no valid sign-in token, no such page) */
  refusesAll?: boolean;
}

const pledgeToken = () => ({ t: pledgePage.token });
const transferToken = () => ({ t: transferPage.token });

const getRoutes: GetRoute[] = [
  { name: 'root (language switch)', path: '/', loader: rootLoader as Loader, names: ['lng'] },
  { name: '/', path: '/', loader: homeLoader as Loader, names: ['year', 'lng'] },
  { name: '/funding', path: '/funding', loader: fundingLoader as Loader, names: filterNames },
  { name: '/programmes', path: '/programmes', loader: programmesLoader as Loader, names: ['year', 'lng'] },
  {
    name: '/programmes/:slug',
    path: '/programmes/',
    loader: programmeLoader as Loader,
    names: filterNames,
    pathParam: 'slug',
    known: () => ['trafficking'],
  },
  {
    name: '/projects/:code',
    path: '/projects/',
    loader: projectLoader as Loader,
    names: ['year', 'from', 'to', 'lng'],
    pathParam: 'code',
    known: () => ['GLOT59', 'glot59'],
  },
  {
    name: '/countries/:iso',
    path: '/countries/',
    loader: countryLoader as Loader,
    names: ['year', 'from', 'to', 'lng'],
    pathParam: 'iso',
    known: () => ['NG', 'ke', 'FR'],
  },
  {
    name: '/regions/:m49',
    path: '/regions/',
    loader: regionLoader as Loader,
    names: ['year', 'from', 'to', 'lng'],
    pathParam: 'm49',
    known: () => ['002', '011', '001'],
  },
  { name: '/api/v1/contributions', path: '/api/v1/contributions', loader: contributionsApi as Loader, names: [...filterNames, 'format'] },
  { name: '/api/v1/programmes', path: '/api/v1/programmes', loader: programmesApi as Loader, names: [...filterNames, 'format'] },
  { name: '/api/v1/projects', path: '/api/v1/projects', loader: projectsApi as Loader, names: [...filterNames, 'format'] },
  { name: '/api/v1/openapi.json', path: '/api/v1/openapi.json', loader: openApi as Loader, names: ['format', 'lng'] },
  { name: '/iati/activities.xml', path: '/iati/activities.xml', loader: iatiActivities as Loader, names: ['year', 'lng'] },
  { name: '/iati/organisation.xml', path: '/iati/organisation.xml', loader: iatiOrganisation as Loader, names: ['year', 'lng'] },
  {
    name: '/give',
    path: '/give',
    loader: giveLoader as Loader,
    names: ['programme', 'project', 'appeal', 'resume', 'amount', 'currency', 'frequency', 'lng'],
  },
  { name: '/give/thanks', path: '/give/thanks', loader: thanksLoader as Loader, names: ['session_id', 'poll', 'lng'] },
  {
    name: '/give/pledge/:reference',
    path: '/give/pledge/',
    loader: pledgeLoader as Loader,
    names: ['t', 'lng'],
    pathParam: 'reference',
    known: () => [pledgePage.reference],
    base: pledgeToken,
  },
  {
    name: '/give/transfer/:reference',
    path: '/give/transfer/',
    loader: transferLoader as Loader,
    names: ['t', 'lng'],
    pathParam: 'reference',
    known: () => [transferPage.reference],
    base: transferToken,
  },
  { name: '/login', path: '/login', loader: loginLoader as Loader, names: ['redirectTo', 'lng'] },
  { name: '/login/verify', path: '/login/verify', loader: verifyLoader as Loader, names: ['token', 'lng'], refusesAll: true },
  { name: '/logout', path: '/logout', loader: logoutLoader as Loader, names: [] },
  {
    name: 'unknown paths (splat)',
    path: '/',
    loader: notFoundLoader as Loader,
    names: ['lng'],
    pathParam: '*',
    known: () => ['programmes/trafficking/x'],
    refusesAll: true,
  },
];

describe('public GET routes never answer 5xx to generated query and path parameters', () => {
  for (const route of getRoutes) {
    it(route.name, async () => {
      const input = fc.record({
        query: fieldsOf(route.names, route.base?.()),
        segment: route.pathParam ? pathParam(route.known ?? (() => ['x'])) : fc.constant(''),
      });
      const statuses = await fuzz(input, ({ query, segment }) => {
        // Remix hands path parameters over decoded.
        const path = route.pathParam ? `${route.path}${encodeURIComponent(segment)}` : route.path;
        const params = route.pathParam ? { [route.pathParam]: segment } : {};
        return statusOf(() => route.loader({ request: getRequest(path, query), params, context }));
      });
      expect(statuses).toHaveLength(RUNS);
      // The property reached past the first refusal: some inputs were answered with the page itself.
      expect(statuses.some((status) => status < 400)).toBe(!route.refusesAll);
    });
  }
});

// ------------------------------------------------------------------------------------ forms

const validGive = {
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
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Valid forms of each shape, so a replaced field is checked where it matters (a schedule's date, a company's name). */
const giveBases = [
  validGive,
  { ...validGive, method: 'card' },
  // Due in 30 days, whatever today is: inside the form's "within a year" whenever the test runs.
  { ...validGive, frequency: 'instalments', instalmentCount: '3', intervalMonths: '1', firstDueOn: inDays(30) },
  { ...validGive, method: 'card', frequency: 'monthly', earmark: 'project', project: 'GLOT59' },
  { ...validGive, donorType: 'company', organisationName: 'Acme Ltd', organisationId: 'GB1', countryCode: 'GB' },
];
const giveFields = [
  ...Object.keys(validGive),
  'programme',
  'project',
  'appeal',
  'organisationName',
  'organisationId',
  'countryCode',
  'instalmentCount',
  'intervalMonths',
  'firstDueOn',
  'isAnonymous',
  'coversFee',
  'dedication',
  'consentAppeals',
  'website',
] as const;

async function moneyFacts() {
  const [payments, reversals, allocations] = await Promise.all([db.payment.count(), db.reversal.count(), db.allocation.count()]);
  return { payments, reversals, allocations };
}

describe('what the fuzzer found', () => {
  it('/programmes/:slug with a control character is not found (404); it reached PostgreSQL: a 500', async () => {
    for (const slug of ['trafficking\u0000', '\u0000', 'a\u0001b', 'x'.repeat(101)]) {
      const request = getRequest(`/programmes/${encodeURIComponent(slug)}`, new URLSearchParams());
      expect(await statusOf(() => (programmeLoader as Loader)({ request, params: { slug }, context }))).toBe(404);
    }
  });
});

describe('public forms never answer 5xx and move no money', () => {
  it('POST /give, each field in turn (with at most one other)', async () => {
    const before = await moneyFacts();
    const statuses: number[] = [];
    for (const field of giveFields) {
      const input = fc.constantFrom(...giveBases).chain((base) => fieldsOf(giveFields, base, field));
      const call = async (body: URLSearchParams) => {
        resetGiveRateLimit();
        return statusOf(() => giveAction({ request: postRequest('/give', body), params: {}, context }));
      };
      statuses.push(...(await fuzz(input, call, GIVE_RUNS_PER_FIELD)));
    }
    // Some generated forms were valid and recorded a pledge (a redirect): the fuzz reached the ledger.
    expect(statuses).toContain(303);
    expect(await moneyFacts()).toEqual(before);
  });

  it('POST /give/pledge/:reference ("Pay now")', async () => {
    const before = await moneyFacts();
    const input = fc.record({
      body: fieldsOf(['instalmentId'], { instalmentId: pledgePage.instalmentId }),
      token: fc.oneof(fc.constant(pledgePage.token), value),
      reference: pathParam(() => [pledgePage.reference]),
    });
    await fuzz(input, ({ body, token, reference }) =>
      statusOf(() =>
        pledgeAction({
          request: postRequest(`/give/pledge/${encodeURIComponent(reference)}?t=${encodeURIComponent(token)}`, body),
          params: { reference },
          context,
        }),
      ),
    );
    expect(await moneyFacts()).toEqual(before);
  });

  it('POST /login', async () => {
    await fuzz(fieldsOf(['email', 'redirectTo', 'website'], { email: 'someone@example.org' }), (body) =>
      statusOf(() => loginAction({ request: postRequest('/login', body), params: {}, context })),
    );
  });

  it('POST /login/verify', async () => {
    await fuzz(fieldsOf(['token']), (body) =>
      statusOf(() => verifyAction({ request: postRequest('/login/verify', body), params: {}, context })),
    );
  });

  it('POST /logout', async () => {
    await fuzz(fieldsOf(['redirectTo']), (body) =>
      statusOf(() => logoutAction({ request: postRequest('/logout', body), params: {}, context })),
    );
  });

  it('leaves the ledger check clean', async () => {
    expect(await checkLedger({ db })).toEqual([]);
  });
});
