// npm run bench:js-size — the JavaScript a browser loads for a first visit to each public page,
// read from the client build (run `npm run build` first). A page loads what Remix's <Scripts>
// preloads: the entry client with its imports, then each matched route's module with its imports;
// the static imports inside those chunks are followed too, so nothing that loads is missed.
// Prints raw, gzip (level 9) and brotli sizes; asserts nothing (the budget, /give ≤ 120 KB gzipped,
// is tests/unit/build/give-js-size.test.ts, over the same logic in page-scripts.ts).
//   --files          also list every chunk of every page
//   --all            every page route, not only the four of issue #4
//   --dir=PATH       read another build directory than build/ (its client/ part)
//   --browser        cross-check: start the built server and sum, in Chromium, the transferred
//                    (compressed) bytes of every script response for each page
import path from 'node:path';
import {
  chunkSize as sizeOf,
  pageChunks,
  readRemixManifest,
  sumSizes as sum,
  type ManifestRoute,
  type RemixManifest,
  type Size,
} from './page-scripts.ts';

const dirArgument = process.argv.find((argument) => argument.startsWith('--dir='));
const clientDir = path.resolve(dirArgument ? dirArgument.slice('--dir='.length) : 'build', 'client');
const pages = ['/', '/give', '/give/thanks', '/programmes/:slug'];
const samplePaths: Record<string, string> = { '/programmes/:slug': '/programmes/countering-corruption' };
const chunkSize = (chunk: string) => sizeOf(clientDir, chunk);

// kB = 1,000 bytes; the gzip total also in KiB (1,024 bytes), the unit some tools report.
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(9);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);
const row = (label: string, files: string, size: Size) =>
  `${label.padEnd(44)}${files.padStart(6)} ${kb(size.raw)} ${kb(size.gzip)} ${kib(size.gzip)} ${kb(size.brotli)}`;

/** Every route with a page module (resource routes build to an empty chunk), params filled in. */
function allPagePaths(manifest: RemixManifest): string[] {
  const fullPath = (route: ManifestRoute): string => {
    const parent = route.parentId ? manifest.routes[route.parentId] : undefined;
    const own = (route.path ?? '').replace(/:\w+/g, 'x');
    return parent ? `${fullPath(parent).replace(/\/$/, '')}/${own}` : `/${own}`;
  };
  return Object.values(manifest.routes)
    .filter((route) => route.id !== 'root' && chunkSize(route.module).raw > 1)
    .map(fullPath)
    .sort();
}

const manifest = readRemixManifest(clientDir);
const listFiles = process.argv.includes('--files');
const shown = process.argv.includes('--all') ? allPagePaths(manifest) : pages;
console.log(`JavaScript loaded on a first visit (${clientDir}; each file compressed on its own, as served):`);
console.log(
  `${'page'.padEnd(44)}${'files'.padStart(6)}${'raw'.padStart(10)}${'gzip -9'.padStart(10)}${'gzip -9'.padStart(11)}${'brotli'.padStart(10)}`,
);
for (const page of shown) {
  const chunks = pageChunks(clientDir, manifest, samplePaths[page] ?? page);
  console.log(row(page, String(chunks.length), sum(chunks.map(chunkSize))));
  if (listFiles) for (const chunk of chunks) console.log(row(`    ${chunk}`, '', chunkSize(chunk)));
}
const frame = [manifest.entry.module, ...manifest.entry.imports, manifest.routes.root.module, ...(manifest.routes.root.imports ?? [])];
console.log(row('shared frame (entry client + root, every page)', String(new Set(frame).size), sum([...new Set(frame)].map(chunkSize))));

if (process.argv.includes('--browser')) await browserCrossCheck();

/**
 * Starts the built server and sums, per page, the bytes on the wire of every script response in
 * a fresh Chromium context (empty cache): once with Accept-Encoding: gzip (the figure to compare
 * with gzip -9 above; the compression middleware uses level 6 and leaves files under 1 kB
 * uncompressed), once with what Chromium asks for itself (the middleware then answers brotli).
 */
async function browserCrossCheck() {
  const { chromium } = await import('@playwright/test');
  const { startPortal } = await import('./lib.ts');
  const portal = await startPortal({
    port: 3500,
    env: { PORTAL_DATA_DIR: '.data/jssize', EMBEDDED_PG_PORT: '54509', DEMO_MAIL_PORT: '3525', DEMO_STRIPE_PORT: '3526' },
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    // The slug page needs a real slug: take the first programme link the home page shows.
    const context = await browser.newContext();
    const home = await context.newPage();
    await home.goto(`${portal.origin}/`);
    const slugHref = await home.locator('a[href^="/programmes/"]').first().getAttribute('href');
    await context.close();
    for (const acceptEncoding of ['gzip', undefined]) {
      console.log(`\nChromium, bytes transferred for script responses (Accept-Encoding: ${acceptEncoding ?? "Chromium's own"}):`);
      for (const page of pages) {
        const url = page === '/programmes/:slug' ? (slugHref ?? samplePaths[page]) : page;
        const fresh = await browser.newContext(acceptEncoding ? { extraHTTPHeaders: { 'Accept-Encoding': acceptEncoding } } : {});
        const tab = await fresh.newPage();
        const scripts: Promise<{ body: number; encoding: string }>[] = [];
        tab.on('requestfinished', (request) => {
          if (request.resourceType() !== 'script') return;
          scripts.push(
            Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
              body: sizes.responseBodySize,
              encoding: response?.headers()['content-encoding'] ?? 'identity',
            })),
          );
        });
        await tab.goto(`${portal.origin}${url}`, { waitUntil: 'networkidle' });
        const done = await Promise.all(scripts);
        const total = done.reduce((bytes, script) => bytes + script.body, 0);
        const encodings = [...new Set(done.map((script) => script.encoding))].sort().join(', ');
        console.log(`${url.padEnd(44)}${String(done.length).padStart(6)} ${kb(total)} ${kib(total)}  (${encodings})`);
        await fresh.close();
      }
    }
  } finally {
    await browser.close();
    await portal.stop();
  }
}
