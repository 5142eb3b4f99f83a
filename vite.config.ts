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

/**
 * Every page loads the frame: React, Remix, i18next and the root's own modules. Left to Rollup, the
 * small ones become a dozen files of a few hundred bytes, each compressed on its own, so a first
 * visit pays gzip's header and an empty dictionary a dozen times. One chunk for all of them
 * (browser build only) compresses as one file.
 */
const FRAME_MODULES = [
  /\/node_modules\/(react|react-dom|scheduler|@remix-run|react-router|react-router-dom|@remix-run\/router|i18next|react-i18next|turbo-stream)\//,
  /\/app\/(entry\.client|root)\.tsx$/,
  /\/app\/ui\/(error-page|language-switcher|use-hydrated|site-shell|site-header|site-footer|skip-link|demo-banner|nonce-provider)\.tsx?$/,
  /\/app\/platform\/(i18n|i18n-instance|public-page)\.ts$/,
  /\/app\/locales\/en\/common\.json$/,
];
function frameChunk(id: string): string | undefined {
  return FRAME_MODULES.some((pattern) => pattern.test(id)) ? 'frame' : undefined;
}

export default defineConfig(({ isSsrBuild }) => ({
  server: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    sourcemap: false,
    ...(isSsrBuild ? {} : { rollupOptions: { output: { manualChunks: frameChunk } } }),
  },
  plugins: [conformZodOnZodMini(), remix(remixConfig), tsconfigPaths()],
}));
