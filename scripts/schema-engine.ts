// Prisma's WebAssembly schema engine, driven from Node because the Prisma CLI cannot download its
// native engine offline (STACK-NOTES). Node 20 cannot `import` a .wasm file, so the module is
// instantiated by hand from the published bindings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

type Engine = import('@prisma/schema-engine-wasm').SchemaEngine;

export async function createSchemaEngine(connectionString: string): Promise<Engine> {
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = await import(bindingsPath);
  const wasmBytes = readFileSync(bindingsPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(wasmBytes, {
    './schema_engine_bg.js': bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const schema = readFileSync('prisma/schema.prisma', 'utf8');
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(message);
  };
  return bindings.SchemaEngine.new({ datamodels: [['prisma/schema.prisma', schema]] }, log, adapterFactory) as Promise<Engine>;
}

export function schemaDatamodel() {
  return {
    tag: 'schemaDatamodel' as const,
    files: [{ path: 'prisma/schema.prisma', content: readFileSync('prisma/schema.prisma', 'utf8') }],
  };
}
