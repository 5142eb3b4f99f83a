// /staff/audit for a person: filters as URL parameters (bad ones named, not a 500), keyset paging,
// each change as "field: before → after" in words, and the filtered entries as formula-safe CSV.
import { beforeAll, describe, expect, it } from 'vitest';
import { toAuditJson, type recordAudit } from '~/platform/audit.server.ts';
import { parseCsv } from '~/platform/csv.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { loader as auditLoader } from '~/routes/staff.audit.tsx';
import { loader as auditCsvLoader } from '~/routes/staff.audit[.]csv.ts';
import { diffAudit } from '~/staff/audit/audit-diff.ts';
import { AUDIT_PAGE_SIZE } from '~/staff/audit/audit-page.server.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { args, cookieFrom, get, unwrap } from './helpers.ts';

const db = getPrisma();
let cookie = '';
let adminId = '';
let financeId = '';

interface AuditPage {
  errors: string[];
  entries: { id: string; actor: string; action: string; entity: string; changes: { field: string; before: string; after: string }[] }[];
  nextHref: string | null;
  newestHref: string | null;
  csvHref: string | null;
}

async function page(query: string, lng = 'en') {
  const result = unwrap(await auditLoader(args(get(`/staff/audit?lng=${lng}&${query}`, { cookie }))));
  return { status: result.status, page: result.data as AuditPage };
}

beforeAll(async () => {
  const admin = await createStaff({ email: 'admin@example.org', name: 'Ada Admin', roles: ['ADMIN'] });
  const finance = await createStaff({ email: 'finance@example.org', name: 'Fin', roles: ['FINANCE'] });
  adminId = admin.id;
  financeId = finance.id;
  const { secret } = await createSession({ staffUserId: admin.id });
  cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
  const at = (iso: string) => new Date(iso);
  // The log is append-only: entries are written with their time rather than moved afterwards.
  const entry = async ({ db: _db, before, after, ...input }: Parameters<typeof recordAudit>[0], when: string) => {
    const json = (value: unknown) => (value === undefined ? {} : { value: toAuditJson(value) ?? {} });
    await db.auditLog.create({
      data: {
        ...input,
        actorId: input.actorId ?? null,
        at: at(when),
        ...(before ? { before: json(before).value } : {}),
        ...(after ? { after: json(after).value } : {}),
      },
    });
  };
  await entry(
    {
      db,
      actorId: admin.id,
      actorKind: 'staff',
      action: 'staff.roles_set',
      entityType: 'StaffUser',
      entityId: finance.id,
      before: { email: 'finance@example.org', roles: ['FINANCE'] },
      after: { email: 'finance@example.org', roles: ['FINANCE', 'PROGRAMME_OFFICER'] },
    },
    '2026-03-02T10:00:00Z',
  );
  await entry(
    {
      db,
      actorKind: 'system',
      action: 'donor.profile.changed',
      entityType: 'Donor',
      entityId: '=HYPERLINK("x")',
      before: { name: 'A' },
      after: { name: '=cmd' },
    },
    '2026-03-05T10:00:00Z',
  );
  for (let index = 0; index < AUDIT_PAGE_SIZE + 5; index++) {
    await entry(
      { db, actorId: finance.id, actorKind: 'staff', action: 'auth.sign_in', entityType: 'StaffUser', entityId: finance.id },
      '2026-04-01T08:00:00Z',
    );
  }
});

describe('audit diff', () => {
  it('lists changed fields only, flattening nested objects, with creations and removals', () => {
    expect(diffAudit({ a: 1, b: { c: 'x', d: [1, 2] } }, { a: 1, b: { c: 'y', d: [1, 2] }, e: true })).toEqual([
      { field: 'b.c', before: 'x', after: 'y' },
      { field: 'e', before: null, after: 'true' },
    ]);
    expect(diffAudit(null, { roles: ['ADMIN'] })).toEqual([{ field: 'roles', before: null, after: 'ADMIN' }]);
    expect(diffAudit(null, null)).toEqual([]);
  });
});

describe('/staff/audit', () => {
  it('shows changes in words with translated labels, and filters by who, object, action and dates', async () => {
    const byObject = await page(`entityType=StaffUser&entityId=${financeId}&action=staff.roles_set`, 'fr');
    expect(byObject.page.entries).toEqual([
      expect.objectContaining({
        actor: 'admin@example.org',
        action: 'Rôles modifiés',
        changes: [{ field: 'Rôles', before: 'FINANCE', after: 'FINANCE, PROGRAMME_OFFICER' }],
      }),
    ]);
    const byActor = await page('actor=ADMIN@example.org');
    expect(byActor.page.entries.map((entry) => entry.action)).toEqual(['Roles changed']);
    const byName = await page('actor=ada admin');
    expect(byName.page.entries).toHaveLength(1);
    const byKind = await page('actorKind=system');
    expect(byKind.page.entries.map((entry) => entry.changes)).toEqual([[{ field: 'Name', before: 'A', after: '=cmd' }]]);
    const byDates = await page('from=2026-03-01&to=2026-03-05');
    expect(byDates.page.entries).toHaveLength(2);
    expect((await page('from=2026-03-03&to=2026-03-04')).page.entries).toHaveLength(0);
  });

  it('pages newest first with a stable cursor, and links back to the newest', async () => {
    const first = await page(`actor=finance@example.org`);
    expect(first.page.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.page.nextHref).toMatch(/^\/staff\/audit\?actor=finance%40example.org&cursor=\d+$/);
    const ids = first.page.entries.map((entry) => BigInt(entry.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    const second = await page(new URL(`http://x${first.page.nextHref}`).search.slice(1));
    expect(second.page.entries).toHaveLength(5);
    expect(second.page.nextHref).toBeNull();
    expect(second.page.newestHref).toBe('/staff/audit?actor=finance%40example.org');
    expect(Math.max(...second.page.entries.map((entry) => Number(entry.id)))).toBeLessThan(Math.min(...ids.map(Number)));
  });

  it('names bad filter values (400, no entries) instead of failing', async () => {
    const bad = await page('from=2026-13-45&actorKind=robot&cursor=abc&entityType=x%3Bdrop');
    expect(bad.status).toBe(400);
    expect(bad.page.entries).toEqual([]);
    expect(bad.page.errors).toEqual([
      '“Kind of actor” is not valid.',
      '“Object type” is not valid.',
      '“From (date)” is not valid.',
      '“Page” is not valid.',
    ]);
    const range = await page('from=2026-03-05&to=2026-03-01', 'es');
    expect(range.page.errors).toEqual(['«Hasta (fecha, incluida)» no puede ser anterior a la fecha de inicio.']);
  });

  it('exports the filtered entries as formula-safe CSV; bad filters get a 400 with the reason', async () => {
    const response = (await auditCsvLoader(args(get('/staff/audit.csv?actorKind=system', { cookie })))) as Response;
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(['id', 'at', 'actor', 'actor_kind', 'action', 'entity_type', 'entity_id', 'changes', 'before', 'after']);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(1, 8)).toEqual([
      '2026-03-05T10:00:00.000Z',
      '',
      'system',
      'donor.profile.changed',
      'Donor',
      `'=HYPERLINK("x")`,
      'Name: A → =cmd',
    ]);
    const all = (await auditCsvLoader(args(get('/staff/audit.csv', { cookie })))) as Response;
    expect(parseCsv(await all.text())).toHaveLength(
      1 + 2 + AUDIT_PAGE_SIZE + 5 + (await db.auditLog.count({ where: { action: 'auth.access_denied' } })),
    );
    const bad = (await auditCsvLoader(args(get('/staff/audit.csv?to=yesterday', { cookie })))) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('“To (date, included)” is not valid.');
    expect(adminId).not.toBe('');
  });
});
