// Issue #12 item 11: who may use each staff page. One row per route module under app/routes/staff*,
// found on disk, so a new staff route without a row fails here. Each row names the roles its
// loader and its action let in (ADMIN always passes, as requireRole does); the test walks every
// cell: anonymous, a donor's session, and each role, calling the real loader or action with a
// real session, and expects a redirect to /login, a 403, or to be let through (any other answer:
// the page, or a validation error from an empty form).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { args, cookieFrom, get, postForm } from './helpers.ts';

/** Any signed-in staff member, whatever their roles. */
const ANY_STAFF = 'any-staff' as const;
type Guard = readonly StaffRole[] | typeof ANY_STAFF;
interface Policy {
  loader: Guard;
  /** Omitted when the module has no action. */
  action?: Guard;
  /** The URL to call, when it is not the one the file name gives. */
  path?: string;
}

// ---- The policy table: one line per staff route module (file name under app/routes). ----
const POLICY: Record<string, Policy> = {
  'staff._index.tsx': { loader: ANY_STAFF },
  'staff.appeals._index.tsx': { loader: ['RESOURCE_MOBILIZATION'] },
  'staff.appeals.segments.new.tsx': { loader: ['RESOURCE_MOBILIZATION'], action: ['RESOURCE_MOBILIZATION'] },
  'staff.appeals.segments.$id.tsx': {
    loader: ['RESOURCE_MOBILIZATION'],
    action: ['RESOURCE_MOBILIZATION'],
    // A segment that does not exist: the guard answers first (login, 403), then the page its 404.
    path: '/staff/appeals/segments/00000000-0000-0000-0000-000000000000',
  },
  'staff.appeals.segments.count.ts': { loader: ['RESOURCE_MOBILIZATION'] },
  'staff.appeals.new.tsx': { loader: ['RESOURCE_MOBILIZATION'], action: ['RESOURCE_MOBILIZATION'] },
  'staff.appeals.$id.tsx': {
    loader: ['RESOURCE_MOBILIZATION'],
    action: ['RESOURCE_MOBILIZATION'],
    // An appeal that does not exist: the guard answers first (login, 403), then the page its 404.
    path: '/staff/appeals/00000000-0000-0000-0000-000000000000',
  },
  'staff.appeals.$id_.results.tsx': {
    loader: ['RESOURCE_MOBILIZATION'],
    // An appeal that does not exist: the guard answers first (login, 403), then the page its 404.
    path: '/staff/appeals/00000000-0000-0000-0000-000000000000/results',
  },
  'staff.appeals.$id_.results[.]csv.ts': {
    loader: ['RESOURCE_MOBILIZATION'],
    path: '/staff/appeals/00000000-0000-0000-0000-000000000000/results.csv',
  },
  'staff.appeals.preview.ts': {
    loader: ['RESOURCE_MOBILIZATION'],
    path: '/staff/appeals/preview?appeal=00000000-0000-0000-0000-000000000000&lang=ar',
  },
  'staff.appeals.progress.ts': {
    loader: ['RESOURCE_MOBILIZATION'],
    // An appeal that does not exist: the guard answers first (login, 403), then the route its 404.
    path: '/staff/appeals/progress?appeal=00000000-0000-0000-0000-000000000000',
  },
  'staff.audit.tsx': { loader: ['ADMIN'] },
  'staff.audit[.]csv.ts': { loader: ['ADMIN'] },
  'staff.donors._index.tsx': { loader: ['FINANCE', 'RESOURCE_MOBILIZATION'] },
  'staff.donors.$id.tsx': { loader: ['FINANCE', 'RESOURCE_MOBILIZATION'], action: ['FINANCE', 'RESOURCE_MOBILIZATION'] },
  'staff.finance.bank.tsx': { loader: ['FINANCE'], action: ['FINANCE'] },
  'staff.finance.allocations.tsx': { loader: ['FINANCE', 'PROGRAMME_OFFICER'], action: ['FINANCE'] },
  'staff.finance.export.ts': { loader: ['FINANCE'] },
  'staff.finance.exports.tsx': { loader: ['FINANCE'] },
  'staff.finance.fx-rates.tsx': { loader: ['FINANCE'], action: ['FINANCE'] },
  'staff.finance.instalments.tsx': { loader: ['FINANCE'], action: ['FINANCE'] },
  'staff.finance.payments.tsx': { loader: ['FINANCE'] },
  'staff.finance.pledges._index.tsx': { loader: ['FINANCE'] },
  'staff.finance.pledges.new.tsx': { loader: ['FINANCE'], action: ['FINANCE'] },
  'staff.finance.pledges.$reference.tsx': { loader: ['FINANCE'], action: ['FINANCE'] },
  'staff.finance.stripe-events._index.tsx': { loader: ['FINANCE'] },
  'staff.finance.stripe-events.$id.tsx': { loader: ['FINANCE'], action: ['FINANCE'] },
  'staff.impact.tsx': { loader: ['RESOURCE_MOBILIZATION'], action: ['RESOURCE_MOBILIZATION'] },
  'staff.impact.preview.ts': { loader: ['RESOURCE_MOBILIZATION'] },
  'staff.programmes._index.tsx': { loader: ['PROGRAMME_OFFICER'], action: ['PROGRAMME_OFFICER'] },
  'staff.programmes.$slug.tsx': { loader: ['PROGRAMME_OFFICER'], action: ['PROGRAMME_OFFICER'] },
  'staff.programmes.$slug_.amounts.tsx': {
    loader: ['PROGRAMME_OFFICER'],
    action: ['PROGRAMME_OFFICER'],
    // A programme that does not exist: the guard answers first (login, 403), then the page its 404.
    path: '/staff/programmes/no-such-programme/amounts',
  },
  'staff.projects.new.tsx': { loader: ['PROGRAMME_OFFICER'], action: ['PROGRAMME_OFFICER'] },
  'staff.projects.$code/route.tsx': { loader: ['PROGRAMME_OFFICER'], action: ['PROGRAMME_OFFICER'] },
  'staff.projects.$code_.photo.tsx': { loader: ['PROGRAMME_OFFICER'], action: ['PROGRAMME_OFFICER'] },
  'staff.users.tsx': { loader: ['ADMIN'], action: ['ADMIN'] },
};

interface RouteModule {
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
}

const modules = import.meta.glob<RouteModule>(['../../../app/routes/staff*.{ts,tsx}', '../../../app/routes/staff*/route.{ts,tsx}']);
/** 'staff.users.tsx' or, for a folder route, 'staff.finance.bank/route.tsx'. */
const routeFiles = Object.keys(modules).map((key) => key.replace('../../../app/routes/', ''));

function pathOf(file: string): string {
  const name = file
    .replace(/\/route\.tsx?$/, '')
    .replace(/\.tsx?$/, '')
    .replaceAll('[.]', '\u0000');
  return `/${name
    .split('.')
    .filter((part) => part !== '_index')
    .map((part) => part.replace(/_$/, ''))
    .join('/')}`.replaceAll('\u0000', '.');
}

type Visitor = 'anonymous' | 'donor' | StaffRole;
type Outcome = 'login' | 'forbidden' | 'allowed';
const ROLES: StaffRole[] = ['ADMIN', 'RESOURCE_MOBILIZATION', 'PROGRAMME_OFFICER', 'FINANCE'];
const VISITORS: Visitor[] = ['anonymous', 'donor', ...ROLES];

function expected(guard: Guard, visitor: Visitor): Outcome {
  if (visitor === 'anonymous' || visitor === 'donor') return 'login'; // a donor's session is no staff session
  if (guard === ANY_STAFF || visitor === 'ADMIN' || guard.includes(visitor)) return 'allowed';
  return 'forbidden';
}

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return 'allowed';
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    if (error.status === 302 && (error.headers.get('Location') ?? '').startsWith('/login')) return 'login';
    if (error.status === 403) return 'forbidden';
    return 'allowed';
  }
}

const cookies = new Map<Visitor, string | undefined>();

beforeAll(async () => {
  const db = getPrisma();
  const cookieFor = async (owner: { staffUserId: string } | { donorId: string }) => {
    const { secret } = await createSession(owner);
    return cookieFrom(await serializeSessionCookie(get('/'), secret));
  };
  cookies.set('anonymous', undefined);
  const donor = await db.donor.create({ data: { type: 'INDIVIDUAL', displayName: 'A donor', email: 'donor@example.org' } });
  cookies.set('donor', await cookieFor({ donorId: donor.id }));
  for (const role of ROLES) {
    const user = await createStaff({ email: `${role.toLowerCase()}@example.org`, name: role, roles: [role] });
    cookies.set(role, await cookieFor({ staffUserId: user.id }));
  }
});

describe('staff access policy', () => {
  it('has a row for every staff route module, and every row names a module that exists', () => {
    const missing = routeFiles.filter((file) => !(file in POLICY));
    expect(missing, `staff routes without a row in POLICY (tests/unit/staff/staff-access-policy.test.ts): ${missing.join(', ')}`).toEqual(
      [],
    );
    const stale = Object.keys(POLICY).filter((file) => !routeFiles.includes(file));
    expect(stale, `POLICY rows for routes that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  for (const file of routeFiles) {
    it(`${file}: loader and action answer each visitor as the policy says`, async () => {
      const policy = POLICY[file];
      if (!policy) return; // reported by the test above
      const route = await modules[`../../../app/routes/${file}`]!();
      const path = policy.path ?? pathOf(file);
      expect(
        Boolean(route.action),
        `${file}: the policy row ${policy.action ? 'expects an action' : 'has no action, but the module exports one'}`,
      ).toBe(Boolean(policy.action));
      const cells: string[] = [];
      const wanted: string[] = [];
      for (const visitor of VISITORS) {
        const cookie = cookies.get(visitor);
        if (route.loader) {
          const loader = route.loader;
          cells.push(`loader ${visitor}: ${await outcomeOf(() => loader(args(get(path, { cookie }))))}`);
          wanted.push(`loader ${visitor}: ${expected(policy.loader, visitor)}`);
        }
        if (route.action && policy.action) {
          const action = route.action;
          cells.push(`action ${visitor}: ${await outcomeOf(() => action(args(postForm(path, {}, { cookie }))))}`);
          wanted.push(`action ${visitor}: ${expected(policy.action, visitor)}`);
        }
      }
      expect(cells).toEqual(wanted);
    });
  }
});
