import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig, type Plugin } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import { remixConfig } from './remix.config.js';

/**
 * @conform-to/zod/v4 wraps schemas for form coercion with four functions it imports from zod's
 * classic API (`lazy`, `optional`, `pipe`, `transform`); classic schemas carry every method, so
 * those four pull all of classic Zod (~25 KB gzipped) into the browser. zod/v4/mini exports the
 * same four functions over the same core, so in the browser build Conform gets them from there.
 * The server keeps classic Zod: nothing is downloaded there, and both produce identical results
 * (docs/performance.md, "Pledge page JavaScript").
 */
function conformZodOnZodMini(): Plugin {
  return {
    name: 'conform-zod-on-zod-mini',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (source !== 'zod/v4' || options.ssr || !importer?.includes('/node_modules/@conform-to/zod/')) return null;
      return this.resolve('zod/v4/mini', importer, { ...options, skipSelf: true });
    },
  };
}

export default defineConfig({
  server: { host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: false },
  plugins: [conformZodOnZodMini(), remix(remixConfig), tsconfigPaths()],
});
