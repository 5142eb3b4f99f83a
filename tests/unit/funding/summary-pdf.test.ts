// One-page PDF summaries (issue #17 item 4) against the seeded demo ledger, read back with poppler:
// each is one A4 page; its figures are the web page's own, in English and Arabic; the programme's
// projects are the largest gaps first; a donor without a page has no PDF either (404).
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { buildDonorPage } from '~/funding/donor-page.server.ts';
import { buildProgrammePage } from '~/funding/programme-page.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { loader as donorPdfLoader } from '~/routes/donors.$slug_.summary[.]pdf.ts';
import { loader as programmePdfLoader } from '~/routes/programmes.$slug_.summary[.]pdf.ts';

type Loader = (args: { request: Request; params: Record<string, string>; context: { cspNonce: string } }) => Promise<Response>;

async function pdfOf(loader: Loader, path: string, params: Record<string, string>): Promise<Response> {
  try {
    return await loader({ request: new Request(`http://localhost${path}`), params, context: { cspNonce: 'test' } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The PDF's text as poppler reads it, bidi marks dropped and all white space squeezed out. */
function squeezedText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, '');
}
const squeeze = (text: string) => text.replace(/\s+/g, '');

function pageCount(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

async function bytesOf(response: Response): Promise<Buffer> {
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

let programmeSlug = '';

beforeAll(async () => {
  const db = getPrisma();
  await seedDemoData({ db });
  programmeSlug = (await db.programme.findFirstOrThrow({ where: { projects: { some: {} } }, orderBy: { slug: 'asc' } })).slug;
}, 120_000);

describe('programme summary', () => {
  it('is one page holding the page’s figures and its largest gaps first, in English', async () => {
    const path = `/programmes/${programmeSlug}/summary.pdf?lng=en`;
    const response = await pdfOf(programmePdfLoader, path, { slug: programmeSlug });
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${programmeSlug}-summary.pdf"`);
    const pdf = await bytesOf(response);
    expect(pageCount(pdf)).toBe(1);
    const text = squeezedText(pdf);
    const page = await buildProgrammePage(
      new Request(`http://localhost/programmes/${programmeSlug}?sort=gap&dir=desc&lng=en`),
      programmeSlug,
      'en',
    );
    expect(text).toContain(squeeze(page.heading));
    for (const figure of [page.figures.requirement, page.figures.funded, page.figures.gap, page.figures.pledgedUnpaid, page.unallocated])
      expect(text).toContain(squeeze(figure));
    // The projects in the PDF are the page's rows sorted by gap, in that order, up to ten.
    const codes = page.table.rows.slice(0, 10).map((row) => row.code);
    expect(codes.length).toBeGreaterThan(0);
    const positions = codes.map((code) => text.indexOf(code));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const row of page.table.rows.slice(10)) expect(text).not.toContain(row.code);
  });

  it('follows the page’s filters, and is one page in Arabic', async () => {
    const response = await pdfOf(programmePdfLoader, `/programmes/${programmeSlug}/summary.pdf?lng=ar&status=implementation`, {
      slug: programmeSlug,
    });
    const pdf = await bytesOf(response);
    expect(pageCount(pdf)).toBe(1);
    const text = squeezedText(pdf);
    const page = await buildProgrammePage(
      new Request(`http://localhost/programmes/${programmeSlug}?status=implementation&sort=gap&dir=desc`),
      programmeSlug,
      'ar',
    );
    expect(text).toMatch(/[\u0600-\u06FF]{3}/);
    for (const row of page.table.rows.slice(0, 10)) expect(text).toContain(row.code);
  });

  it('an unknown programme is a 404', async () => {
    expect((await pdfOf(programmePdfLoader, '/programmes/atlantis/summary.pdf', { slug: 'atlantis' })).status).toBe(404);
  });
});

describe('donor summary', () => {
  it('is one page with the donor page’s totals and years, in English and Arabic', async () => {
    for (const locale of ['en', 'ar'] as const) {
      const pdf = await bytesOf(await pdfOf(donorPdfLoader, `/donors/germany/summary.pdf?lng=${locale}`, { slug: 'germany' }));
      expect(pageCount(pdf), locale).toBe(1);
      if (locale !== 'en') continue;
      const text = squeezedText(pdf);
      const page = await buildDonorPage('germany', 'en', new Date());
      expect(text).toContain('Germany');
      for (const figure of Object.values(page.totals)) expect(text).toContain(squeeze(figure));
      for (const year of page.years.slice(-8)) expect(text).toContain(squeeze(year.paid));
      for (const programme of page.programmes) expect(text).toContain(squeeze(programme.paid));
    }
  });

  it('individuals, anonymous donors and unknown slugs have no PDF', async () => {
    const db = getPrisma();
    const person = await db.donor.findFirstOrThrow({ where: { type: 'INDIVIDUAL', isAnonymous: false } });
    await db.$executeRaw`UPDATE donors SET "publicSlug" = 'a-person-pdf' WHERE id = ${person.id}::uuid`;
    for (const slug of ['a-person-pdf', 'no-such-donor', '../etc'])
      expect((await pdfOf(donorPdfLoader, `/donors/${slug}/summary.pdf`, { slug })).status, slug).toBe(404);
  });
});
