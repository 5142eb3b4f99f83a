// ESLint rule: database access sits in modules whose names say so (HOUSE-STYLE "Layout").
//
// A value import of `getPrisma` / `createPrismaClient` (or a namespace import) from
// app/platform/db.server.ts, or of `Prisma` / `PrismaClient` from the generated client
// (app/generated/prisma/**), is allowed only in files named *-queries.server.ts (reads) or
// *-commands.server.ts (writes). The config applies the rule to app/** outside app/ledger and
// app/platform, which are database plumbing by definition. Type imports (`import type`, or
// `type X` inside the braces) are always fine. Re-exports and dynamic `import()` count like imports
// (`const { getPrisma } = await import(...)` is judged by the names it takes; any other use of a
// dynamic import of these modules counts as a namespace import).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DB_MODULE = 'app/platform/db.server';
const GENERATED_CLIENT = 'app/generated/prisma/';
const DB_NAMES = new Set(['getPrisma', 'createPrismaClient']);
const CLIENT_NAMES = new Set(['Prisma', 'PrismaClient']);
const ALLOWED_FILE = /-(?:queries|commands)\.server\.ts$/;

/** The imported module as a repository-relative path without extension, or undefined for packages. */
function targetOf(specifier, filename) {
  let absolute;
  if (specifier.startsWith('~/')) absolute = path.join(root, 'app', specifier.slice(2));
  else if (specifier.startsWith('.')) absolute = path.resolve(path.dirname(filename), specifier);
  else return undefined;
  return path
    .relative(root, absolute)
    .split(path.sep)
    .join('/')
    .replace(/\.(?:[cm]?[jt]sx?)$/, '');
}

/** Which names of the target module count as database access, or undefined if none do. */
function guardedNames(target) {
  if (target === DB_MODULE) return DB_NAMES;
  if (target.startsWith(GENERATED_CLIENT)) return CLIENT_NAMES;
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const dbAccessNaming = {
  meta: {
    type: 'problem',
    docs: { description: 'Database access only in *-queries.server.ts / *-commands.server.ts modules (outside ledger/ and platform/)' },
    schema: [],
    messages: {
      named:
        '`{{name}}` from {{module}} is database access: outside app/ledger and app/platform it may be imported only by a *-queries.server.ts (reads) or *-commands.server.ts (writes) module (use `import type` for types).',
      namespace:
        'A namespace import of {{module}} is database access: outside app/ledger and app/platform only *-queries.server.ts / *-commands.server.ts modules may import it.',
    },
  },
  create(context) {
    const filename = context.filename;
    if (ALLOWED_FILE.test(filename)) return {};

    function check(node, sourceNode, specifiers, declarationIsType) {
      if (declarationIsType || !sourceNode || typeof sourceNode.value !== 'string') return;
      const target = targetOf(sourceNode.value, filename);
      const names = target && guardedNames(target);
      if (!names) return;
      const module = `${target}.ts`;
      for (const specifier of specifiers) {
        if (specifier.importKind === 'type' || specifier.exportKind === 'type') continue;
        if (specifier.type === 'ImportNamespaceSpecifier') {
          context.report({ node: specifier, messageId: 'namespace', data: { module } });
          continue;
        }
        const imported = specifier.type === 'ExportSpecifier' ? specifier.local : specifier.imported;
        const name = imported && (imported.name ?? imported.value);
        if (name && names.has(name)) context.report({ node: specifier, messageId: 'named', data: { name, module } });
      }
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source, node.specifiers, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source, node.specifiers, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type !== 'Literal' || typeof node.source.value !== 'string') return;
        const target = targetOf(node.source.value, filename);
        const names = target && guardedNames(target);
        if (!names) return;
        const module = `${target}.ts`;
        const declarator = node.parent.type === 'AwaitExpression' ? node.parent.parent : undefined;
        if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'ObjectPattern') {
          for (const property of declarator.id.properties) {
            const name = property.type === 'Property' && !property.computed ? (property.key.name ?? property.key.value) : undefined;
            if (property.type === 'RestElement') context.report({ node: property, messageId: 'namespace', data: { module } });
            else if (name && names.has(name)) context.report({ node: property, messageId: 'named', data: { name, module } });
          }
          return;
        }
        context.report({ node, messageId: 'namespace', data: { module } });
      },
      ExportAllDeclaration(node) {
        if (node.exportKind === 'type' || typeof node.source.value !== 'string') return;
        const target = targetOf(node.source.value, filename);
        if (target && guardedNames(target)) context.report({ node, messageId: 'namespace', data: { module: `${target}.ts` } });
      },
    };
  },
};
