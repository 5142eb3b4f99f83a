// Issue #12's "done when": a programme officer adds an indicator value and an update; the project
// page and IATI show them at once, with the public data cache switched on as in the web server
// (no restart, no waiting for a nightly job). The IATI file stays valid against the 2.03 schema.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { loader as activitiesLoader } from '~/routes/iati.activities[.]xml.ts';
import { loader as projectLoader } from '~/routes/projects.$code/route.tsx';
import {
  cachedPublicData,
  enablePublicDataCache,
  isPublicDataCacheActive,
  stopPublicDataCache,
} from '~/platform/cache/public-data-cache.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { addImpactUpdate, addIndicatorValue, createIndicator } from '~/programmes/impact-commands.server.ts';
import { impactUpdateSchema, indicatorSchema, indicatorValueSchema } from '~/programmes/programme-editor-schemas.ts';

const run = promisify(execFile);
const SCHEMA = fileURLToPath(new URL('../../fixtures/iati/iati-activities-schema.xsd', import.meta.url));
const workDir = mkdtempSync(path.join(tmpdir(), 'programme-editor-'));
const db = getPrisma();
let actorId: string;
let project: { id: string; code: string };

const loadProject = async (code: string) =>
  (await projectLoader({ request: new Request(`http://localhost/projects/${code}`), params: { code }, context: { cspNonce: 't' } })).data;
const loadIati = async () =>
  (await activitiesLoader({ request: new Request('http://localhost/iati/activities.xml'), params: {}, context: { cspNonce: 't' } })).text();

function activityOf(xml: string, code: string): string {
  const start = xml.indexOf(`-${code}</iati-identifier>`);
  expect(start).toBeGreaterThan(0);
  return xml.slice(start, xml.indexOf('</iati-activity>', start));
}

beforeAll(async () => {
  await seedDemoData({ db });
  project = await db.project.findFirstOrThrow({ orderBy: { code: 'asc' }, select: { id: true, code: true } });
  actorId = (await db.staffUser.create({ data: { email: 'po@example.org', name: 'PO', roles: ['PROGRAMME_OFFICER'] } })).id;
  enablePublicDataCache();
  await cachedPublicData('warm-up', async () => 1); // connects the change listener, as the web server does
  for (let i = 0; i < 100 && !isPublicDataCacheActive(); i += 1) await new Promise((done) => setTimeout(done, 20));
});

afterAll(async () => {
  await stopPublicDataCache();
});

describe('an indicator value and an update', () => {
  it('show on the project page and in IATI right after the commands', async () => {
    expect(isPublicDataCacheActive()).toBe(true);
    const before = await loadIati(); // cached from here on
    expect(await loadIati()).toBe(before);
    expect(before).not.toContain('Border posts opened');

    const update = await addImpactUpdate({
      actorId,
      projectId: project.id,
      input: impactUpdateSchema.parse({
        title: { en: 'Border posts opened', fr: 'Postes frontière ouverts' },
        body: { en: 'Three posts **opened** <script>alert(1)</script>; see [report](https://example.org/r).' },
        publishedOn: '2030-03-31',
      }),
    });
    const indicator = await createIndicator({
      actorId,
      projectId: project.id,
      input: indicatorSchema.parse({
        code: 'ZZ-POSTS',
        name: { en: 'Border posts open' },
        unit: 'operations',
        baseline: '120',
        target: '300',
      }),
    });
    await addIndicatorValue({
      actorId,
      projectId: project.id,
      input: indicatorValueSchema.parse({ indicatorId: indicator.id, measuredOn: '2030-03-31', value: '185', impactUpdateId: update.id }),
    });

    const page = await loadProject(project.code);
    const shown = page.updates.find((item) => item.id === update.id);
    expect(shown).toMatchObject({ title: 'Border posts opened', dateTime: '2030-03-31' });
    expect(shown?.body).toContain('**opened**'); // Markdown travels as text; the page renders the safe subset
    const row = page.indicators.find((item) => item.name === 'Border posts open');
    expect(row?.progress).toBe('120 → 185 of 300 operations');

    const xml = await loadIati();
    const activity = activityOf(xml, project.code);
    expect(activity).toContain('<narrative xml:lang="en">Border posts opened</narrative>');
    expect(activity).toMatch(new RegExp(`<document-link url="[^"]+/projects/${project.code}#update-${update.id}" format="text/html">`));
    // The narrative is plain text: no markup, the script tag as escaped text
    expect(activity).toContain('Three posts opened &lt;script&gt;alert(1)&lt;/script&gt;; see report (https://example.org/r).');
    expect(activity).toContain('<reference vocabulary="99" code="ZZ-POSTS"/>');
    expect(activity).toContain('<baseline year=');
    expect(activity).toContain('<actual value="185"/>');
    expect(activity).toContain('<target value="300"/>');

    const file = path.join(workDir, 'activities.xml');
    writeFileSync(file, xml);
    const { stderr } = await run('xmllint', ['--noout', '--schema', SCHEMA, file]);
    expect(stderr).toContain('validates');
  });
});
