// The /give budget of docs/decisions/012: the JavaScript a first visit loads, gzipped as served,
// at most 120 kB, measured on the production build (`npm test` builds first) with the same logic
// as `npm run bench:js-size`. A size, not a time: the same build gives the same figure.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageScriptSize } from '../../../bench/page-scripts.ts';

const clientDir = path.resolve('build/client');
/** 120 kB (1,000 bytes each: the unit of the decision's figures; 117.2 KiB). */
const GIVE_JS_BUDGET_GZIP_BYTES = 120_000;

describe('/give JavaScript', () => {
  it('stays within 120 kB gzipped on the production build, with the browser-side validation in it', () => {
    if (!existsSync(clientDir)) throw new Error('this test needs the production build: run `npm run build`');
    const give = pageScriptSize(clientDir, '/give');
    expect(give.gzip).toBeLessThanOrEqual(GIVE_JS_BUDGET_GZIP_BYTES);
    // The form still validates in the browser: Zod and Conform are among what loads.
    const home = pageScriptSize(clientDir, '/');
    expect(give.gzip - home.gzip).toBeGreaterThan(10_000);
  });
});
