// Import boundaries of app/ (../shared/HOUSE-STYLE.md, "Layout"), checked by `npm run lint`.
//
//   top (app/routes/**, app/*.ts(x): root, entry.*, boot, tasks, email-templates)  → anything
//   capability (any other folder of app/: funding, giving, staff, finance, …)      → itself, ledger, platform, ui, generated, emails/
//   ledger                                                                         → ledger, platform, generated
//   platform                                                                       → platform, generated
//   ui                                                                             → ui, platform
//   emails/ (react-email templates)                                                → emails/ and npm packages
//
// app/locales (JSON data that imports nothing) may be read from any layer. npm packages and node
// built-ins are always allowed. Type-only imports count like value imports: a capability that needs
// another's types needs them moved down.

/** Folders of app/ that are not capabilities; every other folder of app/ is one. */
const notCapability = '(?:routes|ledger|platform|ui|generated|locales)';
/** A module inside a capability folder; group 1 is the capability's name. */
const capability = `^app/(?!${notCapability}/)([^/]+)/`;
/** Route modules and the app-root modules (files directly in app/). */
const top = '^app/(?:routes/|[^/]+$)';
const npm = 'node_modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'capability-to-capability',
      comment:
        'A capability never imports another capability: what two need moves down to ledger/, platform/ or ui/ (HOUSE-STYLE "Layout").',
      severity: 'error',
      from: { path: capability },
      to: { path: `^app/(?!${notCapability}/)[^/]+/`, pathNot: '^app/$1/' },
    },
    {
      name: 'capability-to-top',
      comment:
        'A capability must not import routes or app-root modules (root.tsx, entry.*, boot, tasks, email-templates): imports run routes → capability.',
      severity: 'error',
      from: { path: capability },
      to: { path: top },
    },
    {
      name: 'ledger-imports-only-down',
      comment: 'app/ledger (the money core) may import only ledger/, platform/ and generated/: never a capability, ui/, routes or emails/.',
      severity: 'error',
      from: { path: '^app/ledger/' },
      to: { pathNot: [`^app/(?:ledger|platform|generated|locales)/`, `^${npm}`], dependencyTypesNot: ['core'] },
    },
    {
      name: 'platform-imports-only-platform',
      comment: 'app/platform is the bottom layer: it may import only platform/ and generated/.',
      severity: 'error',
      from: { path: '^app/platform/' },
      to: { pathNot: [`^app/(?:platform|generated|locales)/`, `^${npm}`], dependencyTypesNot: ['core'] },
    },
    {
      name: 'ui-imports-only-ui-and-platform',
      comment: 'app/ui (shared UI primitives) may import only ui/ and platform/.',
      severity: 'error',
      from: { path: '^app/ui/' },
      to: { pathNot: [`^app/(?:ui|platform|locales)/`, `^${npm}`], dependencyTypesNot: ['core'] },
    },
    {
      name: 'emails-are-pure',
      comment:
        'emails/ (react-email templates) are pure components: they import only emails/ and npm packages, never app/ (no env, DB or sending).',
      severity: 'error',
      from: { path: '^emails/' },
      to: { pathNot: ['^emails/', `^${npm}`], dependencyTypesNot: ['core'] },
    },
    {
      name: 'app-not-to-tests',
      comment: 'Nothing in app/ imports tests/: fakes are loaded by the process entry (server.ts), never by app code.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycle inside app/: break it by moving the shared piece down a layer.',
      severity: 'error',
      from: { path: '^app/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved to a file escapes the layer rules above: fix the path (or add the npm package).',
      severity: 'error',
      from: { path: '^(?:app|emails)/' },
      // The generated Prisma client is not in git: before `npm run generate` it cannot resolve.
      to: { couldNotResolve: true, pathNot: '^~/generated/' },
    },
  ],
  options: {
    // The generated Prisma client is large and imports only itself and @prisma/*.
    doNotFollow: { path: [npm, '^app/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    progress: { type: 'none' },
  },
};
