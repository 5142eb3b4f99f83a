// Fetches a fixed set of public URLs (pages in two languages, the open-data API, IATI files) from a
// running portal and writes each response, normalised, to a folder, so that a refactoring can be
// shown to change nothing a visitor or a data user receives: run it before and after, then
// `diff -r before after`.
//
//   npx tsx scripts/snapshot-public.ts http://127.0.0.1:3100 /tmp/snapshot-before
//
// Normalised away (they change with every build or request, not with behaviour): the CSP nonce,
// the hashed names of built assets, and the Remix manifest's asset lists and build version, which
// name those files.
// Everything else — markup, text, figures, loader data, headers that matter — is compared as is.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [origin = 'http://127.0.0.1:3000', outDir = 'snapshot'] = process.argv.slice(2);

/** Reads the slugs and codes to visit from the open-data API itself, so the set follows the data. */
async function discover(): Promise<{ programmes: string[]; projects: string[] }> {
  const programmes = (await (await fetch(`${origin}/api/v1/programmes`)).json()) as { items: { slug: string }[] };
  const projects = (await (await fetch(`${origin}/api/v1/projects`)).json()) as { items: { code: string }[] };
  return { programmes: programmes.items.map((p) => p.slug).sort(), projects: projects.items.map((p) => p.code).sort() };
}

function pageUrls(programmes: string[], projects: string[]): string[] {
  const first = programmes[0] ?? 'corruption';
  return [
    '/',
    '/programmes',
    '/programmes?sort=gap',
    '/programmes?region=014',
    ...programmes.map((slug) => `/programmes/${slug}`),
    `/programmes/${first}?country=ke`,
    `/programmes/${first}?status=ongoing&sort=coverage`,
    ...projects.slice(0, 12).map((code) => `/projects/${code}`),
    '/funding',
    '/funding?from=2024&to=2026',
    `/funding?programme=${first}`,
    '/funding?region=002',
    '/funding?donorType=member-state',
    '/funding?sort=general-purpose-share',
    '/funding?from=abc',
    '/give',
    `/give?programme=${first}`,
    `/give?project=${projects[0] ?? ''}`,
    '/login',
    '/no-such-page',
    '/programmes/no-such-programme',
    '/projects/NOPE00',
  ];
}

const dataUrls = [
  '/api/v1/programmes',
  '/api/v1/programmes?format=csv',
  '/api/v1/projects',
  '/api/v1/projects?format=csv',
  '/api/v1/projects?programme=corruption&status=ongoing',
  '/api/v1/contributions',
  '/api/v1/contributions?format=csv',
  '/api/v1/contributions?from=2023&to=2025&donorType=member-state',
  '/api/v1/contributions?sort=paid',
  '/api/v1/projects?bogus=1',
  '/api/v1/openapi.json',
  '/iati/activities.xml',
  '/iati/organisation.xml',
];

function normalise(body: string, nonce: string | undefined): string {
  let text = body;
  if (nonce) text = text.replaceAll(nonce, 'NONCE');
  return text
    .replace(/\/assets\/[\w.-]+?-[\w-]{8}\.(js|css|woff2?)/g, '/assets/ASSET.$1')
    .replace(/"(imports|css)":\[[^\]]*\]/g, '"$1":[…]')
    .replace(/"hmr":[^,}]*/g, '"hmr":…')
    .replace(/"version": ?"[0-9a-f]+"/g, '"version":"…"');
}

const kept = ['content-type', 'cache-control', 'etag', 'content-language', 'vary', 'location', 'content-disposition'];

async function snapshot(url: string): Promise<{ name: string; body: string }> {
  const response = await fetch(`${origin}${url}`, { redirect: 'manual' });
  const raw = await response.text();
  const nonce = /nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  const headers = kept.map((name) => `${name}: ${response.headers.get(name) ?? ''}`).join('\n');
  const name = url.replace(/[^\w.-]+/g, '_').replace(/^_/, '') || 'index';
  return { name, body: `${response.status}\n${headers}\n\n${normalise(raw, nonce)}` };
}

const { programmes, projects } = await discover();
const urls = [
  ...pageUrls(programmes, projects).flatMap((url) => ['en', 'ar'].map((lng) => `${url}${url.includes('?') ? '&' : '?'}lng=${lng}`)),
  ...dataUrls,
];
mkdirSync(outDir, { recursive: true });
const digest = createHash('sha256');
for (const url of urls) {
  const { name, body } = await snapshot(url);
  writeFileSync(path.join(outDir, `${name}.txt`), body);
  digest.update(body);
}
console.log(`snapshot: ${urls.length} URLs written to ${outDir}; digest ${digest.digest('hex').slice(0, 16)}`);
