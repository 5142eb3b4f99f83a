// The programme officers' pages through their loaders and actions, as a browser would post them:
// a role is required, refused input answers 400 with the errors next to the fields and writes
// nothing, good input runs the command and redirects (PRG).
import { beforeAll, describe, expect, it } from 'vitest';
import { action as listAction, loader as listLoader } from '~/routes/staff.programmes._index.tsx';
import { action as programmeAction } from '~/routes/staff.programmes.$slug.tsx';
import { action as projectAction, loader as projectLoader } from '~/routes/staff.projects.$code/route.tsx';
import { action as newProjectAction } from '~/routes/staff.projects.new.tsx';
import { getPrisma } from '~/platform/db.server.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';

const db = getPrisma();
let officer = '';
let finance = '';

async function cookieOf(roles: ('PROGRAMME_OFFICER' | 'FINANCE')[], email: string): Promise<string> {
  const user = await db.staffUser.create({ data: { email, name: email, roles } });
  const { secret } = await createSession({ staffUserId: user.id });
  return cookieFrom(await serializeSessionCookie(get('/'), secret));
}

const programmeFields = {
  intent: 'create-programme',
  slug: 'cybercrime',
  code: 'GPCC',
  sortOrder: '5',
  'title.en': 'Global Programme on Cybercrime',
  'title.ar': 'البرنامج العالمي لمكافحة الجريمة السيبرانية',
  'mandate.en': 'Capacity against cybercrime.',
};

const projectFields = (programmeId: string) => ({
  intent: 'create-project',
  code: 'GPCC01',
  programmeId,
  'title.en': 'Digital evidence',
  'description.en': 'Training on *digital* evidence.',
  countryCode: '',
  regionCode: '142',
  sectorCode: '15130',
  status: 'IMPLEMENTATION',
  startDate: '2030-01-01',
  endDate: '2032-12-31',
});

beforeAll(async () => {
  officer = await cookieOf(['PROGRAMME_OFFICER'], 'officer@example.org');
  finance = await cookieOf(['FINANCE'], 'finance@example.org');
});

describe('staff programme pages', () => {
  it('refuse staff without the programme officer role (403) and people not signed in (to /login)', async () => {
    expect((await thrownResponse(() => listLoader(args(get('/staff/programmes', { cookie: finance }))))).status).toBe(403);
    const anonymous = await thrownResponse(() => listAction(args(postForm('/staff/programmes', programmeFields))));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/);
    expect(await db.programme.count({ where: { slug: 'cybercrime' } })).toBe(0);
  });

  it('answer bad input with field errors and write nothing', async () => {
    const result = unwrap(
      await listAction(
        args(postForm('/staff/programmes', { ...programmeFields, slug: 'Not A Slug', 'title.en': '' }, { cookie: officer })),
      ),
    );
    expect(result.status).toBe(400);
    const errors = (result.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors).toMatchObject({ slug: ['errors.slug'], 'title.en': ['errors.englishRequired'] });
    expect(await db.programme.count({ where: { code: 'GPCC' } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityType: 'Programme' } })).toBe(0);
  });

  it('create a programme, a project, a requirement, an update, an indicator and a value; refusals land next to their field', async () => {
    const created = await listAction(args(postForm('/staff/programmes', programmeFields, { cookie: officer })));
    expect((created as Response).headers.get('Location')).toBe('/staff/programmes/cybercrime?saved=1');
    const programme = await db.programme.findUniqueOrThrow({ where: { slug: 'cybercrime' } });
    expect(programme.title).toMatchObject({ en: 'Global Programme on Cybercrime', ar: expect.any(String) });

    const rb = await programmeAction({
      ...args(
        postForm('/staff/programmes/cybercrime', { intent: 'record-regular-budget', year: '2030', amount: '50,000' }, { cookie: officer }),
      ),
      params: { slug: 'cybercrime' },
    });
    expect((rb as Response).status).toBe(302);
    expect((await db.regularBudgetEntry.findFirstOrThrow({ where: { programmeId: programme.id } })).usdMinor).toBe(5_000_000n);

    const project = await newProjectAction(args(postForm('/staff/projects/new', projectFields(programme.id), { cookie: officer })));
    expect((project as Response).headers.get('Location')).toBe('/staff/projects/GPCC01?saved=1');
    const duplicate = unwrap(
      await newProjectAction(args(postForm('/staff/projects/new', projectFields(programme.id), { cookie: officer }))),
    );
    expect(duplicate.status).toBe(400);
    expect((duplicate.data as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({ code: ['errors.codeTaken'] });

    const post = (fields: Record<string, string>) =>
      projectAction({ ...args(postForm('/staff/projects/GPCC01', fields, { cookie: officer })), params: { code: 'GPCC01' } });
    expect(((await post({ intent: 'set-requirement', year: '2030', amount: '120000' })) as Response).status).toBe(302);
    expect(
      ((await post({ intent: 'add-update', publishedOn: '2030-05-01', 'title.en': 'Labs opened', 'body.en': 'Two **labs**.' })) as Response)
        .status,
    ).toBe(302);
    expect(
      (
        (await post({
          intent: 'add-indicator',
          code: 'LABS',
          'name.en': 'Labs',
          unit: 'institutions',
          baseline: '0',
          target: '4',
        })) as Response
      ).status,
    ).toBe(302);
    const indicator = await db.indicator.findFirstOrThrow({ where: { code: 'LABS' } });
    const badValue = unwrap(await post({ intent: 'add-value', indicatorId: indicator.id, measuredOn: '2030-13-01', value: 'two' }));
    expect(badValue.status).toBe(400);
    expect((badValue.data as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({
      measuredOn: ['errors.date'],
      value: ['errors.number'],
    });
    expect(
      ((await post({ intent: 'add-value', indicatorId: indicator.id, measuredOn: '2030-05-01', value: '2' })) as Response).status,
    ).toBe(302);

    const page = unwrap(await projectLoader({ ...args(get('/staff/projects/GPCC01', { cookie: officer })), params: { code: 'GPCC01' } }))
      .data as { requirements: unknown[]; updates: { title: string }[]; indicators: { latest: string }[] };
    expect(page.requirements).toEqual([{ year: 2030, amount: '$120,000.00' }]);
    expect(page.updates[0]?.title).toBe('Labs opened');
    expect(page.indicators[0]?.latest).toMatch(/^2 \(/);
    expect(
      await db.auditLog.count({
        where: {
          actorKind: 'staff',
          entityType: {
            in: ['Programme', 'Project', 'ProjectRequirement', 'ImpactUpdate', 'Indicator', 'IndicatorValue', 'RegularBudgetEntry'],
          },
        },
      }),
    ).toBe(7);
  });

  it('correct a published update and an indicator of this project only; bad input changes nothing', async () => {
    const post = (fields: Record<string, string>) =>
      projectAction({ ...args(postForm('/staff/projects/GPCC01', fields, { cookie: officer })), params: { code: 'GPCC01' } });
    const update = await db.impactUpdate.findFirstOrThrow({ where: { project: { code: 'GPCC01' } } });
    const indicator = await db.indicator.findFirstOrThrow({ where: { code: 'LABS' } });
    const fixed = {
      intent: 'edit-update',
      updateId: update.id,
      publishedOn: '2030-05-02',
      'title.en': 'Two labs opened',
      'title.fr': 'Deux laboratoires ouverts',
      'body.en': 'Two **forensic** labs.',
    };
    const refused = unwrap(await post({ ...fixed, publishedOn: '2030-02-30' }));
    expect(refused).toMatchObject({ status: 400, data: { intent: `edit-update-${update.id}` } });
    expect((await db.impactUpdate.findUniqueOrThrow({ where: { id: update.id } })).title).toEqual({ en: 'Labs opened' });

    expect(((await post(fixed)) as Response).status).toBe(302);
    const stored = await db.impactUpdate.findUniqueOrThrow({ where: { id: update.id } });
    expect(stored.title).toEqual({ en: 'Two labs opened', fr: 'Deux laboratoires ouverts' });
    expect(stored.publishedAt.toISOString()).toBe('2030-05-02T00:00:00.000Z');
    const edited = {
      intent: 'edit-indicator',
      indicatorId: indicator.id,
      code: 'LABS',
      'name.en': 'Forensic labs',
      unit: 'labs',
      baseline: '0',
      target: '5',
    };
    expect(((await post(edited)) as Response).status).toBe(302);
    expect(await db.indicator.findUniqueOrThrow({ where: { id: indicator.id } })).toMatchObject({
      unit: 'labs',
      name: { en: 'Forensic labs' },
    });

    // The page offers both corrections, prefilled with the stored texts in every language
    const page = unwrap(await projectLoader({ ...args(get('/staff/projects/GPCC01', { cookie: officer })), params: { code: 'GPCC01' } }))
      .data as { updates: { form: { title: Record<string, string> } }[] };
    expect(page.updates[0]?.form.title).toEqual({ en: 'Two labs opened', fr: 'Deux laboratoires ouverts' });

    // another project's update (or an unknown id) is not this page's to change
    const other = await thrownResponse(() => post({ ...fixed, updateId: crypto.randomUUID() }));
    expect(other.status).toBe(404);
    expect(await db.auditLog.count({ where: { action: { in: ['impact-update.update', 'indicator.update'] } } })).toBe(2);
  });
});
