import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import { remixConfig } from './remix.config.js';

export default defineConfig({
  server: { host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: false },
  plugins: [remix(remixConfig), tsconfigPaths()],
});
