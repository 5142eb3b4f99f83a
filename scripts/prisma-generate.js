// Runs `prisma generate` offline. The Prisma CLI tries to download its native schema engine before
// every command; pointing PRISMA_SCHEMA_ENGINE_BINARY at a script that refuses makes `generate`
// work without it (the query side is WebAssembly inside the npm packages). See STACK-NOTES.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stubDir = join(process.cwd(), 'node_modules', '.cache', 'prisma-offline');
const stub = join(stubDir, 'schema-engine');
mkdirSync(stubDir, { recursive: true });
writeFileSync(stub, '#!/bin/sh\necho "schema engine binary not available offline" >&2\nexit 1\n');
chmodSync(stub, 0o755);

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? '');
  process.exit(result.status ?? 1);
}
console.log('prisma client generated');
