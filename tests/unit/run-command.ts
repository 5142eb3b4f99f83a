// Runs one of the repository's `npm run` commands (a script under scripts/) as its own process
// against this test file's database, in demo mode, as a scheduled job would: exit code and output.
import { spawnSync } from 'node:child_process';

export function runCommandScript(script: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: process.env.DATABASE_URL,
      PORTAL_MODE: 'demo',
      NODE_ENV: 'test',
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
