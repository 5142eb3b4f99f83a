// Issue #14 item 9: a donor sees and changes only their own data. Every loader and action of every
// account route module (app/routes/account*) is called with donor B's session against donor A's
// data: nothing of A's may appear in the answer, A's rows must be the same afterwards, and B's
// session is never sent to the sign-in page (a redirect there would hide a refusal the test could
// not see). A new account route without a case here fails the first test.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getDonor } from '~/account/account-auth.server.ts';
import { issueDonorSignInLinkTask } from '~/account/issue-donor-sign-in-link-task.server.ts';
import { impactReportIdempotencyKey, impactReportWebLink } from '~/impact/impact-report-links.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { resetMagicLinkRateLimits } from '~/platform/rate-limit.server.ts';
import { args, get, postForm } from '../staff/helpers.ts';
import { createDonor, donorCookie, giveOnce, pledgeInInstalments, refreshSummaries } from './account-fixture.ts';
import { runJobsOnce } from '../run-jobs-once.ts';

const db = getPrisma();
const routesDir = path.join(process.cwd(), 'app/routes');

type RouteArgs = LoaderFunctionArgs & ActionFunctionArgs;
type Handler = (args: RouteArgs) => Promise<unknown>;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

interface World {
  a: { id: string; cookie: string; secrets: string[]; paymentId: string; monthlyReference: string; pledgeReference: string };
  b: { id: string; cookie: string; paymentId: string };
}

/** What a handler answered: a Response (returned or thrown) or data, with its body as text. */
async function answerOf(call: () => Promise<unknown>): Promise<{ status: number; location: string | null; text: string }> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (result instanceof Response) {
    return { status: result.status, location: result.headers.get('Location'), text: await result.clone().text() };
  }
  if (result && typeof result === 'object' && 'type' in result && result.type === 'DataWithResponseInit') {
    const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null };
    return {
      status: init?.status ?? 200,
      location: null,
      text: JSON.stringify(data, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    };
  }
  return { status: 200, location: null, text: JSON.stringify(result ?? null) };
}

/** Everything of donor A a request could read or change. */
async function snapshotOf(donorId: string): Promise<string> {
  const [donor, pledges, payments, sessions, tokens, emails, consents, audits] = await Promise.all([
    db.donor.findUnique({ where: { id: donorId } }),
    db.pledge.findMany({ where: { donorId }, orderBy: { id: 'asc' }, include: { instalments: true, events: true } }),
    db.payment.findMany({ where: { donorId }, orderBy: { id: 'asc' }, include: { reversals: true } }),
    db.session.findMany({ where: { donorId }, orderBy: { id: 'asc' }, select: { id: true, revokedAt: true, expiresAt: true } }),
    db.loginToken.findMany({ where: { donorId }, orderBy: { id: 'asc' } }),
    db.emailOutbox.findMany({ where: { donorId }, orderBy: { id: 'asc' }, select: { id: true, template: true, toAddress: true } }),
    db.donorConsent.findMany({ where: { donorId }, orderBy: { id: 'asc' } }),
    db.auditLog.findMany({ where: { entityType: 'donor', entityId: donorId }, orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ donor, pledges, payments, sessions, tokens, emails, consents, audits }, (_, v: unknown) =>
    typeof v === 'bigint' ? String(v) : v,
  );
}

/** A UTC day relative to now (the fixture's gifts are dated relative to now too). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const withParams = (request: Request, params: Record<string, string> = {}): RouteArgs => ({ ...args(request), params });

/** One request per exported loader and action of each account route module, made with B's session against A. */
const cases: Record<string, { loader?: (w: World) => RouteArgs[]; action?: (w: World) => RouteArgs[] }> = {
  'account._index.tsx': {
    loader: ({ b }) =>
      ['/account', '/account?page=1', '/account?page=2', '/account?lng=ar'].map((url) => withParams(get(url, { cookie: b.cookie }))),
  },
  'account.data.tsx': {
    loader: ({ b }) => [withParams(get('/account/data', { cookie: b.cookie }))],
    // B's erase request naming A: the action acts on the session's donor only, and without B's confirmation on nobody.
    action: ({ a, b }) => [withParams(postForm('/account/data', { donorId: a.id, email: 'a@example.org' }, { cookie: b.cookie }))],
  },
  'account.data[.]csv.ts': {
    loader: ({ a, b }) => [withParams(get(`/account/data.csv?donorId=${a.id}`, { cookie: b.cookie }))],
  },
  'account.data[.]json.ts': {
    loader: ({ a, b }) => [withParams(get(`/account/data.json?donorId=${a.id}`, { cookie: b.cookie }))],
  },
  'account.monthly.$reference.tsx': {
    loader: ({ a, b }) => [
      withParams(get(`/account/monthly/${a.monthlyReference}`, { cookie: b.cookie }), { reference: a.monthlyReference }),
    ],
    // Every form of A's monthly gift, with B's session: a 404 each, and Stripe is never asked.
    action: ({ a, b }) =>
      (
        [
          { intent: 'amount', amount: '50' },
          { intent: 'pause' },
          { intent: 'resume' },
          { intent: 'cancel', confirm: 'yes' },
          { intent: 'card' },
        ] as Record<string, string>[]
      ).map((fields) =>
        withParams(postForm(`/account/monthly/${a.monthlyReference}`, fields, { cookie: b.cookie }), { reference: a.monthlyReference }),
      ),
  },
  'account.pledges.$reference.tsx': {
    loader: ({ a, b }) => [
      withParams(get(`/account/pledges/${a.pledgeReference}`, { cookie: b.cookie }), { reference: a.pledgeReference }),
    ],
    // "Pay now" on A's pledge with B's session: a 404, and Stripe is never asked (no emulator runs here).
    action: ({ a, b }) => [
      withParams(postForm(`/account/pledges/${a.pledgeReference}`, { instalmentId: a.id }, { cookie: b.cookie }), {
        reference: a.pledgeReference,
      }),
    ],
  },
  'account.profile.tsx': {
    loader: ({ a, b }) => [withParams(get(`/account/profile?donorId=${a.id}`, { cookie: b.cookie }))],
    // B's profile form naming A (and A's consents withdrawn, A made anonymous): only B's own profile may change.
    action: ({ a, b }) => [
      withParams(
        postForm(
          `/account/profile?donorId=${a.id}`,
          {
            donorId: a.id,
            id: a.id,
            donorType: 'individual',
            givenName: 'Bruno',
            familyName: 'Changed',
            locale: 'en',
            reportFrequency: 'NONE',
            isAnonymous: 'on',
          },
          { cookie: b.cookie },
        ),
      ),
      withParams(postForm('/account/profile', { donorId: a.id, givenName: '' }, { cookie: b.cookie })),
    ],
  },
  'account.receipts.$paymentId.tsx': {
    loader: ({ a, b }) => [withParams(get(`/account/receipts/${a.paymentId}`, { cookie: b.cookie }), { paymentId: a.paymentId })],
  },
  // A's receipt as a PDF with B's session: a 404, as on the web.
  'account.receipts.$paymentId_.pdf.ts': {
    loader: ({ a, b }) => [withParams(get(`/account/receipts/${a.paymentId}/pdf`, { cookie: b.cookie }), { paymentId: a.paymentId })],
  },
  // Statements read the session's donor only, whatever the query names: B's page, B's range, B's years.
  'account.statements.tsx': {
    loader: ({ a, b }) =>
      [`/account/statements?donorId=${a.id}`, '/account/statements?from=2000-01-01&to=2009-12-31', '/account/statements?from=x&to=y'].map(
        (url) => withParams(get(url, { cookie: b.cookie })),
      ),
  },
  'account.statements_.pdf.ts': {
    loader: ({ a, b }) =>
      [
        `/account/statements/pdf?donorId=${a.id}&from=${daysAgo(3000)}&to=${daysAgo(-1)}`,
        `/account/statements/pdf?year=${new Date().getUTCFullYear()}`,
      ].map((url) => withParams(get(url, { cookie: b.cookie }))),
  },
  'account.reports.tsx': {
    loader: ({ a, b }) => [withParams(get(`/account/reports?donorId=${a.id}`, { cookie: b.cookie }))],
  },
  'account.sign-in.tsx': {
    loader: ({ b }) => [withParams(get('/account/sign-in', { cookie: b.cookie }))],
    // B asks for a link to A's address: the answer is the same as for any address, and the link goes to A's mailbox only.
    action: ({ b }) => [withParams(postForm('/account/sign-in', { email: 'a@example.org' }, { cookie: b.cookie }))],
  },
  'account.verify.tsx': {
    loader: ({ b }) => [withParams(get('/account/verify?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { cookie: b.cookie }))],
    action: ({ b }) => [
      withParams(postForm('/account/verify', { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, { cookie: b.cookie })),
    ],
  },
  'account.sign-out.tsx': {
    loader: ({ b }) => [withParams(get('/account/sign-out', { cookie: b.cookie }))],
    // B signs out: A's sessions stay open (checked by the snapshot and below).
    action: ({ b }) => [withParams(postForm('/account/sign-out', {}, { cookie: b.cookie }))],
  },
};

/** Route modules of the account: app/routes/account*.tsx files and account* folders' route.tsx. */
function accountRouteFiles(): string[] {
  return readdirSync(routesDir, { withFileTypes: true })
    .filter((entry) => /^account([._]|$)/.test(entry.name))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/route.tsx` : entry.name))
    .sort();
}

let world: World;

/** A's monthly card gift with its Stripe subscription (no emulator here: a request that reached Stripe would fail). */
async function monthlyGiftOf(donorId: string) {
  const pledge = await db.pledge.create({
    data: {
      reference: `ACC-MONTHLY-${donorId.slice(0, 4).toUpperCase()}`,
      donorId,
      frequency: 'MONTHLY',
      method: 'CARD',
      currency: 'EUR',
      amountMinor: 4_400n,
      usdRate: '1.08',
      earmarkType: 'GENERAL_PURPOSE',
    },
  });
  await db.checkoutSession.create({
    data: {
      pledgeId: pledge.id,
      stripeSessionId: `cs_idor_${donorId}`,
      stripeSubscriptionId: `sub_idor_${donorId}`,
      status: 'complete',
      subscriptionStatus: 'active',
    },
  });
  return pledge;
}

/** A's impact report for `period`, sent; the signed link to its web version. */
async function sentImpactReportOf(donorId: string, period: string): Promise<string> {
  const email = await db.emailOutbox.create({
    data: {
      idempotencyKey: impactReportIdempotencyKey({ donorId, period }),
      template: 'impact-report',
      toAddress: 'a@example.org',
      locale: 'en',
      props: {},
      status: 'SENT',
      sentAt: new Date(),
      donorId,
    },
  });
  await db.impactReport.create({ data: { donorId, period, status: 'QUEUED', emailId: email.id } });
  return impactReportWebLink({ donorId, period });
}

beforeAll(async () => {
  const a = await createDonor(db, 'a@example.org', { displayName: 'Aurelia Secret-Name' });
  const b = await createDonor(db, 'b@example.org', { displayName: 'Bruno' });
  // A's consents, which B's profile form (unticked boxes) must not withdraw.
  await db.donorConsent.createMany({
    data: (['IMPACT_REPORTS', 'APPEALS'] as const).map((kind) => ({
      donorId: a.id,
      kind,
      isGranted: true,
      wording: 'Email me',
      locale: 'en',
      source: 'give-form',
    })),
  });
  const aGift = await giveOnce(db, a.id, { currency: 'EUR', amountMinor: 777_700n });
  const aPledge = await pledgeInInstalments(db, a.id);
  const aMonthly = await monthlyGiftOf(a.id);
  const bGift = await giveOnce(db, b.id, { currency: 'USD', amountMinor: 1_000n });
  const aReportLink = await sentImpactReportOf(a.id, '2025-Q4');
  await refreshSummaries(db);
  const aSession = await donorCookie(a.id);
  world = {
    a: {
      id: a.id,
      cookie: aSession.cookie,
      paymentId: aGift.payment.id,
      monthlyReference: aMonthly.reference,
      pledgeReference: aPledge.pledge.reference,
      secrets: [
        aMonthly.reference,
        a.id,
        'Aurelia',
        aGift.pledge.reference,
        aPledge.pledge.reference,
        aGift.payment.id,
        aPledge.payment.id,
        '7,777.00',
        new URL(aReportLink).pathname,
        '7.777,00',
      ],
    },
    b: { id: b.id, cookie: (await donorCookie(b.id)).cookie, paymentId: bGift.payment.id },
  };
});

describe('account routes: donor B never sees or changes donor A’s data', () => {
  it('has a case for every loader and action of every account route module', async () => {
    const files = accountRouteFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const module = (await import(path.join(routesDir, file))) as RouteModule;
      const exported = (['loader', 'action'] as const).filter((name) => typeof module[name] === 'function');
      const covered = Object.keys(cases[file] ?? {}).sort();
      expect({ file, handlers: covered }).toEqual({ file, handlers: [...exported].sort() });
    }
    expect(Object.keys(cases).sort()).toEqual(files);
  });

  it('B’s session: no answer holds A’s data, A’s rows are unchanged, and nothing sends B to sign in', async () => {
    const aBefore = await snapshotOf(world.a.id);
    // Signing out ends B's session: that route goes last, so every other one is asked with it open.
    const lastly = (file: string) => Number(file === 'account.sign-out.tsx');
    for (const file of accountRouteFiles().sort((x, y) => lastly(x) - lastly(y))) {
      const module = (await import(path.join(routesDir, file))) as RouteModule;
      for (const kind of ['loader', 'action'] as const) {
        for (const request of cases[file]?.[kind]?.(world) ?? []) {
          await resetMagicLinkRateLimits();
          const answer = await answerOf(() => module[kind]!(request));
          const label = `${kind} of ${file} (${request.request.method} ${request.request.url})`;
          expect(answer.location ?? '', label).not.toMatch(/^\/account\/sign-in(?:$|\?(?!signedOut=1))/);
          for (const secret of world.a.secrets) expect(answer.text, `${label} shows ${secret}`).not.toContain(secret);
          if (answer.status === 200) expect(answer.text, label).not.toContain('Aurelia');
        }
      }
      // Sign-in links B's request queued go, if anywhere, to A's own mailbox, never to B's.
      await runJobsOnce({ 'issue-donor-sign-in-link': issueDonorSignInLinkTask });
      expect(await db.emailOutbox.count({ where: { template: 'account-sign-in-link', toAddress: { not: 'a@example.org' } } })).toBe(0);
    }
    // A's only change may be the sign-in link B asked to be sent to A's own address.
    const aAfter = JSON.parse(await snapshotOf(world.a.id)) as Record<string, unknown>;
    const before = JSON.parse(aBefore) as Record<string, unknown>;
    expect({ ...aAfter, tokens: [], emails: [] }).toEqual({ ...before, tokens: [], emails: [] });
    // A is still signed in: B's sign-out ended B's session only.
    expect((await getDonor(get('/account', { cookie: world.a.cookie })))?.id).toBe(world.a.id);
  });

  it('A’s receipt is a 404 for B (not a redirect, not a 403 that would confirm it exists), and B’s own opens', async () => {
    const { loader } = (await import(path.join(routesDir, 'account.receipts.$paymentId.tsx'))) as RouteModule;
    const b = (await donorCookie(world.b.id)).cookie;
    const theirs = await answerOf(() =>
      loader!(withParams(get(`/account/receipts/${world.a.paymentId}`, { cookie: b }), { paymentId: world.a.paymentId })),
    );
    expect(theirs.status).toBe(404);
    const own = await answerOf(() =>
      loader!(withParams(get(`/account/receipts/${world.b.paymentId}`, { cookie: b }), { paymentId: world.b.paymentId })),
    );
    expect(own.status).toBe(200);
    expect(own.text).toContain('Bruno');
  });

  it('B’s statement PDF, read back as text, holds B’s gift and nothing of A’s; A’s receipt PDF is a 404', async () => {
    const { loader } = (await import(path.join(routesDir, 'account.statements_.pdf.ts'))) as RouteModule;
    const b = (await donorCookie(world.b.id)).cookie;
    const url = `/account/statements/pdf?lng=en&donorId=${world.a.id}&from=${daysAgo(3000)}&to=${daysAgo(-1)}`;
    const response = (await loader!(withParams(get(url, { cookie: b })))) as Response;
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: Buffer.from(await response.arrayBuffer()) }).toString(
      'utf8',
    );
    expect(text).toContain('$10.00');
    for (const secret of world.a.secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('Aurelia');
    const receipt = (await import(path.join(routesDir, 'account.receipts.$paymentId_.pdf.ts'))) as RouteModule;
    const theirs = await answerOf(() =>
      receipt.loader!(withParams(get(`/account/receipts/${world.a.paymentId}/pdf`, { cookie: b }), { paymentId: world.a.paymentId })),
    );
    expect(theirs.status).toBe(404);
  });

  it('A’s pledge is a 404 for B, to look at and to pay', async () => {
    const { loader, action } = (await import(path.join(routesDir, 'account.pledges.$reference.tsx'))) as RouteModule;
    const reference = world.a.pledgeReference;
    const b = (await donorCookie(world.b.id)).cookie;
    expect((await answerOf(() => loader!(withParams(get(`/account/pledges/${reference}`, { cookie: b }), { reference })))).status).toBe(
      404,
    );
    const instalment = await db.pledgeInstalment.findFirstOrThrow({ where: { pledge: { reference } }, orderBy: { sequence: 'desc' } });
    const paid = await answerOf(() =>
      action!(withParams(postForm(`/account/pledges/${reference}`, { instalmentId: instalment.id }, { cookie: b }), { reference })),
    );
    expect(paid.status).toBe(404);
    // A opens it.
    expect(
      (await answerOf(() => loader!(withParams(get(`/account/pledges/${reference}`, { cookie: world.a.cookie }), { reference })))).status,
    ).toBe(200);
  });

  it('B’s history lists B’s gift and none of A’s', async () => {
    const { loader } = (await import(path.join(routesDir, 'account._index.tsx'))) as RouteModule;
    const b = (await donorCookie(world.b.id)).cookie;
    const page = await answerOf(() => loader!(withParams(get('/account?lng=en', { cookie: b }))));
    expect(page.status).toBe(200);
    expect(page.text).toContain('$10.00');
    expect(page.text).toContain(world.b.paymentId);
  });
});
