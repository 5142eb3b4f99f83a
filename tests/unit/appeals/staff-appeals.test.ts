// /staff/appeals and its segment form through the real loaders and actions: the live count
// (resource route and the no-JavaScript "Count" button), saving (audited, before and after),
// renaming, "save as new", a taken name and a bad amount refused with nothing changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { loader as appealsLoader } from '~/routes/staff.appeals._index.tsx';
import { loader as countLoader } from '~/routes/staff.appeals.segments.count.ts';
import { action as newAction, loader as newLoader } from '~/routes/staff.appeals.segments.new.tsx';
import { action as editAction, loader as editLoader } from '~/routes/staff.appeals.segments.$id.tsx';
import { args, get, ORIGIN, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor } from './segment-fixture.ts';

const db = () => getPrisma();
let staff: Awaited<ReturnType<typeof signedIn>>;

function post(path: string, fields: [string, string][]): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Origin: ORIGIN, Cookie: staff.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function withId(request: Request, id: string) {
  return { ...args(request), params: { id } };
}

async function redirectOf(call: Promise<unknown>): Promise<string> {
  const response = await call;
  if (!(response instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(unwrap(response).data)}`);
  return response.headers.get('Location') ?? '';
}

beforeAll(async () => {
  staff = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-appeals@example.org');
  await createDonor({ name: 'Ana', countryCode: 'FR', locale: 'fr' });
  await createDonor({ name: 'Ben', countryCode: 'KE', locale: 'en' });
  await createDonor({ name: 'Cy', countryCode: 'FR', locale: 'fr', consents: [true, false] });
});

describe('the segment form', () => {
  it('counts live from the query string, in the reader’s language', async () => {
    const answer = unwrap(await countLoader(args(get('/staff/appeals/segments/count?countries=FR&lng=fr', { cookie: staff.cookie }))));
    expect(answer.data).toEqual({ count: 1, text: 'Donateurs dans ce segment maintenant : 1' });
    const wrong = unwrap(await countLoader(args(get('/staff/appeals/segments/count?totalMin=abc', { cookie: staff.cookie }))));
    expect(wrong.data).toEqual({ count: null, text: 'No count: correct the fields marked below.' });
  });

  it('counts without JavaScript: the Count button posts the form and gets the count and the fields back', async () => {
    const result = unwrap(
      await newAction(
        args(
          post('/staff/appeals/segments/new', [
            ['intent', 'count'],
            ['locales', 'fr'],
            ['locales', 'en'],
            ['name', 'Draft'],
          ]),
        ),
      ),
    );
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      kind: 'counted',
      countText: 'Donors in this segment now: 2',
      values: { name: 'Draft', locales: ['fr', 'en'] },
    });
    const page = unwrap(await newLoader(args(get('/staff/appeals/segments/new', { cookie: staff.cookie })))).data as { countText: string };
    expect(page.countText).toBe('Donors in this segment now: 2');
  });

  it('saves a segment with an audit entry, renames it, and saves a copy as a new one', async () => {
    const location = await redirectOf(
      newAction(
        args(
          post('/staff/appeals/segments/new', [
            ['intent', 'save'],
            ['name', 'French donors'],
            ['countries', 'FR'],
            ['totalMin', '1,000.50'],
          ]),
        ),
      ),
    );
    const id = /\/staff\/appeals\/segments\/([0-9a-f-]{36})\?saved=1$/.exec(location)?.[1];
    expect(id).toBeDefined();
    const saved = await db().appealSegment.findUniqueOrThrow({ where: { id: id! } });
    expect(saved).toMatchObject({ name: 'French donors', createdById: staff.user.id });
    expect(saved.definition).toMatchObject({ countries: ['FR'], totalMinUsdMinor: 100_050, lastGift: 'ANY' });
    const created = await db().auditLog.findFirstOrThrow({
      where: { entityType: 'appeal_segment', entityId: id!, action: 'appeal-segment.create' },
    });
    expect(created).toMatchObject({ actorId: staff.user.id, actorKind: 'staff', before: null });

    const edit = unwrap(await editLoader(withId(get(`/staff/appeals/segments/${id}?saved=1`, { cookie: staff.cookie }), id!))).data as {
      values: { name: string; totalMin: string };
      saved: boolean;
    };
    expect(edit.values).toMatchObject({ name: 'French donors', totalMin: '1000.50' });
    expect(edit.saved).toBe(true);

    await redirectOf(
      editAction(
        withId(
          post(`/staff/appeals/segments/${id}`, [
            ['intent', 'save'],
            ['name', 'Donors in France'],
            ['countries', 'FR'],
          ]),
          id!,
        ),
      ),
    );
    const updated = await db().auditLog.findFirstOrThrow({ where: { entityId: id!, action: 'appeal-segment.update' } });
    expect(updated.before).toMatchObject({ name: 'French donors', definition: { totalMinUsdMinor: 100_050 } });
    expect(updated.after).toMatchObject({ name: 'Donors in France', definition: { countries: ['FR'] } });

    const copy = await redirectOf(
      editAction(
        withId(
          post(`/staff/appeals/segments/${id}`, [
            ['intent', 'saveAsNew'],
            ['name', 'Kenyan donors'],
            ['countries', 'KE'],
          ]),
          id!,
        ),
      ),
    );
    expect(copy).not.toContain(id!);
    expect((await db().appealSegment.findMany({ orderBy: { name: 'asc' } })).map((segment) => segment.name)).toEqual([
      'Donors in France',
      'Kenyan donors',
    ]);

    const list = unwrap(await appealsLoader(args(get('/staff/appeals', { cookie: staff.cookie })))).data as {
      segments: { name: string }[];
    };
    expect(list.segments.map((segment) => segment.name)).toEqual(['Donors in France', 'Kenyan donors']);
  });

  it('refuses a taken name, a missing name and a bad amount, and changes nothing', async () => {
    const before = await db().appealSegment.count();
    const audits = await db().auditLog.count();
    const taken = unwrap(
      await newAction(
        args(
          post('/staff/appeals/segments/new', [
            ['intent', 'save'],
            ['name', 'Kenyan donors'],
          ]),
        ),
      ),
    );
    expect(taken.status).toBe(400);
    expect(taken.data).toMatchObject({ kind: 'invalid', errors: { name: 'Another segment has this name.' } });
    const nameless = unwrap(
      await newAction(
        args(
          post('/staff/appeals/segments/new', [
            ['intent', 'save'],
            ['name', ''],
          ]),
        ),
      ),
    );
    expect(nameless.data).toMatchObject({ kind: 'invalid', errors: { name: 'Give the segment a name (up to 120 characters).' } });
    const badAmount = unwrap(
      await newAction(
        args(
          post('/staff/appeals/segments/new', [
            ['intent', 'save'],
            ['name', 'Big'],
            ['totalMin', '12abc'],
          ]),
        ),
      ),
    );
    expect(badAmount.data).toMatchObject({
      kind: 'invalid',
      errors: { totalMin: 'Enter an amount in US dollars, such as 1000 or 250.50.' },
    });
    const upsideDown = unwrap(
      await newAction(
        args(
          post('/staff/appeals/segments/new', [
            ['intent', 'save'],
            ['name', 'Band'],
            ['totalMin', '500'],
            ['totalBelow', '100'],
          ]),
        ),
      ),
    );
    expect(upsideDown.data).toMatchObject({ kind: 'invalid', errors: { totalBelow: '“Less than” must be more than “At least”.' } });
    expect(await db().appealSegment.count()).toBe(before);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it('answers 404 for a segment that does not exist', async () => {
    const missing = '00000000-0000-0000-0000-000000000000';
    await expect(editLoader(withId(get(`/staff/appeals/segments/${missing}`, { cookie: staff.cookie }), missing))).rejects.toMatchObject({
      status: 404,
    });
  });
});
