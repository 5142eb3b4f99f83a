// ESLint flat config, run by `npm run lint` (with dependency-cruiser for import layers and cycles,
// see .dependency-cruiser.mjs, and `prettier --check` for formatting).
// Code rules: @eslint/js + typescript-eslint recommended (without type information, so it stays
// fast), plus two local rules that guard the architecture (eslint/*.js).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { dbAccessNaming } from './eslint/db-access-naming.js';
import { moneyWrites } from './eslint/money-writes.js';

const localRules = ['./eslint/money-writes.js', './eslint/db-access-naming.js'];
const architecture = {
  // ESLint's cache keys on the config, where a plugin counts as name@version: a hash of the rules'
  // source as the version makes `--cache` re-lint everything when a local rule changes.
  meta: {
    name: 'architecture',
    version: createHash('sha256')
      .update(localRules.map((file) => readFileSync(new URL(file, import.meta.url))).join('\n'))
      .digest('hex')
      .slice(0, 12),
  },
  rules: { 'money-writes': moneyWrites, 'db-access-naming': dbAccessNaming },
};

/** Node globals the few plain-JS files use (TypeScript files get no-undef from tsc instead). */
const nodeGlobals = { process: 'readonly', console: 'readonly', URL: 'readonly' };

export default defineConfig(
  {
    name: 'project/ignores',
    ignores: ['app/generated/', 'build/', 'public/build/', '.data/', '.cache/', 'test-results/', 'playwright-report/', 'coverage/'],
  },
  {
    name: 'project/files',
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'project/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'project/typescript',
    rules: {
      // Matching control characters is deliberate where it happens (XML validity in iati-xml, the
      // redirect guard in request.server): both regexes exist to find them.
      'no-control-regex': 'off',
      // `_`-prefixed names are deliberately unused (positional args, destructuring to omit a key): 8 today.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'project/money-writes',
    plugins: { architecture },
    ignores: ['app/ledger/**', 'prisma/seed*.ts', 'tests/**', 'bench/**'],
    rules: { 'architecture/money-writes': 'error' },
  },
  {
    name: 'project/db-access-naming',
    files: ['app/**/*.{ts,tsx}'],
    // boot.server.ts is the start-up composition root (like server.ts): it hands the one client to
    // the seed, the first-admin command and the summaries check.
    ignores: ['app/ledger/**', 'app/platform/**', 'app/boot.server.ts'],
    plugins: { architecture },
    rules: { 'architecture/db-access-naming': 'error' },
  },
  // Last: turns off any stylistic rule that would fight Prettier.
  prettier,
);
