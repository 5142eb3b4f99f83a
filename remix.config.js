// Remix plugin options. Required at the top level by the project layout;
// vite.config.ts imports this file and passes it to the Remix Vite plugin.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export const remixConfig = {
  appDirectory: 'app',
  buildDirectory: 'build',
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.server.test.ts'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: false,
  },
};
export default remixConfig;
