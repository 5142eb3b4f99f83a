// The A/B subject test through the composer's real loaders and actions (real PostgreSQL; docs/
// decisions/054): saved with the draft (audited), shown back on edit, cleared when the sample is
// emptied; bad input answered with the field's message and nothing changed; frozen once sent.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { action as editAction, loader as editLoader } from '~/routes/staff.appeals.$id.tsx';
import { action as newAction } from '~/routes/staff.appeals.new.tsx';
import { args, get, ORIGIN, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createProject } from '../impact/impact-report-fixture.ts';

const db = () => getPrisma();
let staff: Awaited<ReturnType<typeof signedIn>>;
let project: Awaited<ReturnType<typeof createProject>>;

function post(path: string, fields: [string, string][]): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Origin: ORIGIN, Cookie: staff.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const withId = (request: Request, id: string) => ({ ...args(request), params: { id } });

/** The form as a browser posts it, with a test; `extra` fields replace the defaults of the same name. */
function draftFields(code: string, extra: [string, string][] = []): [string, string][] {
  const fields = new Map<string, string>([
    ['intent', 'save'],
    ['code', code],
    ['goal', '50000'],
    ['segmentId', ''],
    ['fallbackLocale', 'en'],
    ['texts.en.title', 'Schools'],
    ['texts.en.subject', 'Keep the schools open'],
    ['texts.en.intro', 'Intro.'],
    ['texts.fr.title', 'Écoles'],
    ['texts.fr.subject', 'Gardez les écoles ouvertes'],
    ['texts.fr.intro', 'Intro.'],
    ['block1', `project:${project.id}`],
    ['variants.en.b', 'Forty classrooms are waiting'],
    ['variants.en.c', ''],
    ['variants.fr.b', 'Quarante salles de classe attendent'],
    ['variants.fr.c', ''],
    ['testSample', '20'],
    ['testMetric', 'gifts'],
    ['testWait', '90'],
    ['testWaitUnit', 'minutes'],
  ]);
  for (const [name, value] of extra) fields.set(name, value);
  return [...fields];
}

async function saved(call: Promise<unknown>): Promise<string> {
  const response = await call;
  if (!(response instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(unwrap(response).data)}`);
  return /^\/staff\/appeals\/([0-9a-f-]{36})\?saved=1$/.exec(response.headers.get('Location') ?? '')?.[1] ?? '';
}

const testColumns = (id: string) =>
  db().appeal.findUniqueOrThrow({
    where: { id },
    select: { subjectVariants: true, testSamplePercent: true, testMetric: true, testWaitMinutes: true, updatedAt: true },
  });

async function formValues(id: string) {
  const page = unwrap(await editLoader(withId(get(`/staff/appeals/${id}`, { cookie: staff.cookie }), id))).data as {
    defaultValue: Record<string, unknown>;
  };
  return page.defaultValue;
}

beforeAll(async () => {
  staff = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-ab-composer@example.org');
  project = await createProject('CMPAB1');
});

describe('the A/B subject test in the composer', () => {
  it('saves the subjects and settings with the draft, audited, and shows them back on edit', async () => {
    const id = await saved(newAction(args(post('/staff/appeals/new', draftFields('ab-save')))));
    expect(await testColumns(id)).toMatchObject({
      subjectVariants: [{ en: 'Forty classrooms are waiting', fr: 'Quarante salles de classe attendent' }],
      testSamplePercent: 20,
      testMetric: 'GIFTS',
      testWaitMinutes: 90,
    });
    expect(await formValues(id)).toMatchObject({
      variants: {
        en: { b: 'Forty classrooms are waiting', c: '' },
        fr: { b: 'Quarante salles de classe attendent', c: '' },
      },
      testSample: '20',
      testMetric: 'gifts',
      testWait: '90',
      testWaitUnit: 'minutes',
    });
    const create = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: 'appeal.create' } });
    expect(create.after).toMatchObject({ testSamplePercent: 20, testMetric: 'GIFTS', testWaitMinutes: 90 });

    // A third subject, and a wait of whole hours, shown back in hours.
    await saved(
      editAction(
        withId(
          post(
            `/staff/appeals/${id}`,
            draftFields('ab-save', [
              ['variants.en.c', 'Your gift, their classroom'],
              ['variants.fr.c', 'Votre don, leur salle de classe'],
              ['testWait', '2'],
              ['testWaitUnit', 'hours'],
            ]),
          ),
          id,
        ),
      ),
    );
    expect((await testColumns(id)).subjectVariants).toEqual([
      { en: 'Forty classrooms are waiting', fr: 'Quarante salles de classe attendent' },
      { en: 'Your gift, their classroom', fr: 'Votre don, leur salle de classe' },
    ]);
    expect(await formValues(id)).toMatchObject({
      testWait: '2',
      testWaitUnit: 'hours',
      variants: { en: { c: 'Your gift, their classroom' } },
    });

    // Emptying the sample and the extra subjects removes the test.
    const none: [string, string][] = [
      ['testSample', ''],
      ['variants.en.b', ''],
      ['variants.fr.b', ''],
    ];
    await saved(editAction(withId(post(`/staff/appeals/${id}`, draftFields('ab-save', none)), id)));
    expect(await testColumns(id)).toMatchObject({ subjectVariants: [], testSamplePercent: null, testMetric: null, testWaitMinutes: null });
    expect(await formValues(id)).toMatchObject({ testMetric: 'clicks', testWait: '4', testWaitUnit: 'hours' });
  });

  it('answers bad test fields with their messages and changes nothing', async () => {
    const id = await saved(newAction(args(post('/staff/appeals/new', draftFields('ab-invalid')))));
    const before = await testColumns(id);
    const audits = await db().auditLog.count({ where: { entityId: id } });
    const cases: [[string, string][], Record<string, string[]>][] = [
      [[['testSample', '80']], { testSample: ['errors.samplePercent'] }],
      [
        [
          ['variants.en.b', ''],
          ['variants.fr.b', ''],
        ],
        { 'variants.en.b': ['errors.variantRequired'] },
      ],
      [[['variants.fr.b', 'Gardez les écoles ouvertes']], { 'variants.fr.b': ['errors.variantDuplicate'] }],
      [[['testWait', '']], { testWait: ['errors.waitRequired'] }],
    ];
    for (const [extra, error] of cases) {
      const answer = unwrap(await editAction(withId(post(`/staff/appeals/${id}`, draftFields('ab-invalid', extra)), id)));
      expect(answer.status).toBe(400);
      expect(answer.data).toMatchObject({ kind: 'invalid', result: { error } });
    }
    const newCount = await db().appeal.count();
    const refused = unwrap(await newAction(args(post('/staff/appeals/new', draftFields('ab-invalid-new', [['testSample', '2']])))));
    expect(refused.status).toBe(400);
    expect(await db().appeal.count()).toBe(newCount);
    expect(await testColumns(id)).toEqual(before);
    expect(await db().auditLog.count({ where: { entityId: id } })).toBe(audits);
  });

  it('keeps the test as it was once the appeal is sent', async () => {
    const id = await saved(newAction(args(post('/staff/appeals/new', draftFields('ab-frozen')))));
    await db().appeal.update({ where: { id }, data: { status: 'SENDING' } });
    const before = await testColumns(id);
    const refused = unwrap(await editAction(withId(post(`/staff/appeals/${id}`, draftFields('ab-frozen', [['testSample', '50']])), id)));
    expect(refused.data).toMatchObject({ result: { error: { '': ['notDraft'] } } });
    expect(await testColumns(id)).toEqual(before);
  });
});
