// The JavaScript a first visit to a page loads, read from the client build: what Remix's <Scripts>
// preloads (the entry client with its imports, then each matched route's module with its imports),
// following the static imports inside those chunks so nothing that loads is missed. Used by
// `npm run bench:js-size` (figures) and tests/unit/build/give-js-size.test.ts (the budget).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { matchRoutes } from '@remix-run/react';

export interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
  imports?: string[];
}
export interface RemixManifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

/** The Remix browser manifest of the build in `clientDir` (build/client). */
export function readRemixManifest(clientDir: string): RemixManifest {
  const assets = path.join(clientDir, 'assets');
  const file = readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`no Remix manifest in ${assets}: run npm run build`);
  const source = readFileSync(path.join(assets, file), 'utf8');
  // The file is `window.__remixManifest={...};` — JSON once the assignment is cut off.
  return JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as RemixManifest;
}

type RouteObjects = Parameters<typeof matchRoutes>[0];

function routeTree(manifest: RemixManifest, parentId?: string): RouteObjects {
  return Object.values(manifest.routes)
    .filter((route) => route.parentId === parentId)
    .map((route) =>
      route.index
        ? { id: route.id, path: route.path, index: true }
        : { id: route.id, path: route.path, children: routeTree(manifest, route.id) },
    );
}

// Minified chunks import each other as `from"./x.js"` or `import"./x.js"`; `import("./x.js")`
// (lazy) is deliberately not matched: it does not load with the page.
function staticImports(clientDir: string, chunk: string): string[] {
  const source = readFileSync(path.join(clientDir, chunk), 'utf8');
  const found = source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g);
  return [...found].map((match) => path.posix.join(path.posix.dirname(chunk), match[1]));
}

/** Chunk paths a first visit to `url` loads, in Remix's order, plus their static imports. */
export function pageChunks(clientDir: string, manifest: RemixManifest, url: string): string[] {
  const matches = matchRoutes(routeTree(manifest), url);
  if (!matches) throw new Error(`no route matches ${url}`);
  const preloads = [manifest.entry.module, ...manifest.entry.imports];
  for (const match of matches) {
    const route = manifest.routes[match.route.id ?? ''];
    preloads.push(...(route.imports ?? []), route.module);
  }
  const seen = new Set<string>();
  const visit = (chunk: string) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    for (const imported of staticImports(clientDir, chunk)) visit(imported);
  };
  preloads.forEach(visit);
  return [...seen];
}

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizeCache = new Map<string, Size>();
/** A chunk's bytes raw, gzipped at level 9 and brotli at quality 11, each file compressed on its own (as served). */
export function chunkSize(clientDir: string, chunk: string): Size {
  const file = path.join(clientDir, chunk);
  let size = sizeCache.get(file);
  if (!size) {
    const bytes = readFileSync(file);
    size = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    sizeCache.set(file, size);
  }
  return size;
}

export const sumSizes = (sizes: Size[]): Size =>
  sizes.reduce((total, size) => ({ raw: total.raw + size.raw, gzip: total.gzip + size.gzip, brotli: total.brotli + size.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });

/** Everything a first visit to `url` loads, summed. */
export function pageScriptSize(clientDir: string, url: string): Size & { files: number } {
  const chunks = pageChunks(clientDir, readRemixManifest(clientDir), url);
  return { ...sumSizes(chunks.map((chunk) => chunkSize(clientDir, chunk))), files: chunks.length };
}
