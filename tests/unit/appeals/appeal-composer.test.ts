// The composer's pages through the real loaders and actions (real PostgreSQL): a new draft saved
// (audited), changed (audited with before and after), a taken code and a half-written language
// refused with nothing changed, the preview per language (and its frame's document), and "send a
// test to myself": one transactional outbox row to the staff member's address, audited.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { action as editAction, loader as editLoader } from '~/routes/staff.appeals.$id.tsx';
import { action as newAction, loader as newLoader } from '~/routes/staff.appeals.new.tsx';
import { loader as previewLoader } from '~/routes/staff.appeals.preview.ts';
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

async function redirectOf(call: Promise<unknown>): Promise<string> {
  const response = await call;
  if (!(response instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(unwrap(response).data)}`);
  return response.headers.get('Location') ?? '';
}

/** The form as a browser posts it; `extra` fields replace the defaults of the same name. */
function draftFields(code: string, extra: [string, string][] = []): [string, string][] {
  const fields = new Map<string, string>([
    ['intent', 'save'],
    ['code', code],
    ['goal', '150000'],
    ['segmentId', ''],
    ['fallbackLocale', 'en'],
    ['texts.en.title', 'Protect survivors'],
    ['texts.en.subject', 'Help a survivor rebuild her life'],
    ['texts.en.preheader', 'Shelters, legal aid, jobs'],
    ['texts.en.intro', 'Shelters and **legal aid**.'],
    ['block1', `project:${project.id}`],
    ['block2', ''],
  ]);
  for (const [name, value] of extra) fields.set(name, value);
  return [...fields];
}

beforeAll(async () => {
  staff = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-composer@example.org');
  project = await createProject('CMPC01');
});

describe('the appeal composer', () => {
  it('shows an empty form with the programmes, projects and languages to choose from', async () => {
    const page = unwrap(await newLoader(args(get('/staff/appeals/new', { cookie: staff.cookie })))).data as {
      title: string;
      options: { languages: { value: string }[]; projectGroups: { projects: { value: string; label: string }[] }[] };
    };
    expect(page.title).toBe('New appeal');
    expect(page.options.languages.map((language) => language.value)).toEqual(['en', 'fr', 'es', 'ru', 'zh', 'ar']);
    expect(page.options.projectGroups.flatMap((group) => group.projects)).toContainEqual({
      value: `project:${project.id}`,
      label: 'CMPC01 — Project CMPC01',
    });
  });

  it('saves a new draft and audits it; a second save changes it and audits before and after', async () => {
    const location = await redirectOf(newAction(args(post('/staff/appeals/new', draftFields('Survivors-2026')))));
    const id = location.match(/^\/staff\/appeals\/([0-9a-f-]{36})\?saved=1$/)?.[1] ?? '';
    const appeal = await db().appeal.findUniqueOrThrow({ where: { id }, include: { blocks: true } });
    expect(appeal).toMatchObject({
      slug: 'survivors-2026',
      status: 'DRAFT',
      goalUsdMinor: 15_000_000n,
      fallbackLocale: 'en',
      subject: { en: 'Help a survivor rebuild her life' },
      preheader: { en: 'Shelters, legal aid, jobs' },
      body: { en: 'Shelters and **legal aid**.' },
      segment: null,
      createdById: staff.user.id,
    });
    // /give names the appeal in every language: the fallback's title where none was written.
    expect(appeal.title).toEqual({
      en: 'Protect survivors',
      fr: 'Protect survivors',
      es: 'Protect survivors',
      ru: 'Protect survivors',
      zh: 'Protect survivors',
      ar: 'Protect survivors',
    });
    expect(appeal.blocks).toMatchObject([{ position: 0, projectId: project.id, programmeId: null }]);
    expect(await db().auditLog.count({ where: { entityId: id, action: 'appeal.create', actorId: staff.user.id } })).toBe(1);

    const arabic: [string, string][] = [
      ['texts.ar.title', 'حماية الناجين'],
      ['texts.ar.subject', 'ساعدوا ناجية'],
      ['texts.ar.intro', 'مقدمة'],
      ['block2', `programme:${project.programmeId}`],
    ];
    expect(await redirectOf(editAction(withId(post(`/staff/appeals/${id}`, draftFields('survivors-2026', arabic)), id)))).toBe(
      `/staff/appeals/${id}?saved=1`,
    );
    const changed = await db().appeal.findUniqueOrThrow({ where: { id }, include: { blocks: { orderBy: { position: 'asc' } } } });
    expect(changed.subject).toEqual({ en: 'Help a survivor rebuild her life', ar: 'ساعدوا ناجية' });
    expect(changed.blocks.map((block) => block.programmeId ?? block.projectId)).toEqual([project.id, project.programmeId]);
    const update = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: 'appeal.update' } });
    expect(update.before).toMatchObject({ code: 'survivors-2026', texts: { en: { subject: 'Help a survivor rebuild her life' } } });
    expect(update.after).toMatchObject({ subject: { ar: 'ساعدوا ناجية' } });
  });

  it('refuses a taken code and a half-written language with the field’s message, and changes nothing', async () => {
    await redirectOf(newAction(args(post('/staff/appeals/new', draftFields('taken-code')))));
    const before = await db().appeal.count();
    const taken = unwrap(await newAction(args(post('/staff/appeals/new', draftFields('taken-code')))));
    expect(taken.status).toBe(400);
    expect(taken.data).toMatchObject({ kind: 'invalid', result: { error: { code: ['errors.codeTaken'] } } });
    const half = unwrap(await newAction(args(post('/staff/appeals/new', draftFields('half-written', [['texts.ru.subject', 'Тема']])))));
    expect(half.status).toBe(400);
    expect(half.data).toMatchObject({
      result: { error: { 'texts.ru.title': ['errors.languageIncomplete'], 'texts.ru.intro': ['errors.languageIncomplete'] } },
    });
    const gone = unwrap(
      await newAction(
        args(post('/staff/appeals/new', draftFields('gone-project', [['block1', 'project:6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']]))),
      ),
    );
    expect(gone.data).toMatchObject({ result: { error: { '': ['errors.unknownReference'] } } });
    expect(await db().appeal.count()).toBe(before);
  });

  it('refuses to change an appeal that is no longer a draft', async () => {
    const id = (await redirectOf(newAction(args(post('/staff/appeals/new', draftFields('already-sent')))))).split('/')[3]!.split('?')[0]!;
    await db().appeal.update({ where: { id }, data: { status: 'SENT' } });
    const refused = unwrap(await editAction(withId(post(`/staff/appeals/${id}`, draftFields('renamed')), id)));
    expect(refused.data).toMatchObject({ result: { error: { '': ['notDraft'] } } });
    expect((await db().appeal.findUniqueOrThrow({ where: { id } })).slug).toBe('already-sent');
  });

  it('previews the email in the language chosen, noting when its readers get the fallback language', async () => {
    const id = (await redirectOf(newAction(args(post('/staff/appeals/new', draftFields('preview-me')))))).split('/')[3]!.split('?')[0]!;
    const page = unwrap(await editLoader(withId(get(`/staff/appeals/${id}?lang=zh`, { cookie: staff.cookie }), id))).data as {
      preview: {
        locale: string;
        subject: string;
        fallbackNote: string | null;
        src: string;
        languages: { isCurrent: boolean; value: string }[];
      };
    };
    expect(page.preview).toMatchObject({
      locale: 'zh',
      subject: 'Subject: Help a survivor rebuild her life',
      fallbackNote: 'No text in this language: its readers receive the email in English.',
      src: `/staff/appeals/preview?appeal=${id}&lang=zh`,
    });
    expect(page.preview.languages.filter((language) => language.isCurrent).map((language) => language.value)).toEqual(['zh']);
    const frame = (await previewLoader(args(get(page.preview.src, { cookie: staff.cookie })))) as Response;
    expect(frame.status).toBe(200);
    expect(frame.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await frame.text();
    expect(html).toContain('lang="en"');
    expect(html).toContain('Shelters and <strong>legal aid</strong>.');
    expect(html).toContain('/give?appeal=preview-me&amp;project=CMPC01');
    const missing = (await previewLoader(
      args(get('/staff/appeals/preview?appeal=00000000-0000-0000-0000-000000000000&lang=en', { cookie: staff.cookie })),
    )) as Response;
    expect(missing.status).toBe(404);
  });

  it('queues a test to the signed-in officer’s own address, transactional, in the preview language, audited', async () => {
    const id = (await redirectOf(newAction(args(post('/staff/appeals/new', draftFields('test-me')))))).split('/')[3]!.split('?')[0]!;
    const answer = unwrap(
      await editAction(
        withId(
          post(`/staff/appeals/${id}`, [
            ['intent', 'test'],
            ['lang', 'ar'],
          ]),
          id,
        ),
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ kind: 'test-queued', message: 'A test in Arabic is queued to rm-composer@example.org.' });
    const rows = await db().emailOutbox.findMany({ where: { template: 'appeal', idempotencyKey: { startsWith: `appeal-test:${id}:` } } });
    expect(rows).toMatchObject([
      {
        toAddress: 'rm-composer@example.org',
        locale: 'ar',
        consentKind: null,
        donorId: null,
        status: 'PENDING',
        props: { appealId: id, donorId: null, isTest: true },
      },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: 'appeal.test-send' } });
    expect(audit).toMatchObject({ actorId: staff.user.id, after: { to: 'rm-composer@example.org', locale: 'ar', emailId: rows[0]!.id } });
    // The outbox renders it as the draft reads when it is sent (Arabic asked; English is what the draft has).
    const { renderEmail } = await import('~/email-templates.server.ts');
    const email = await renderEmail({ template: rows[0]!.template, locale: rows[0]!.locale, props: rows[0]!.props });
    expect(email.subject).toBe('[Test] Help a survivor rebuild her life');
  });
});
