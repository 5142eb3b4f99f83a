// Issue #11 item 1, with real process kills: PostgreSQL's postmaster gets SIGKILL while the portal
// (web + in-process worker) runs. The portal must stay up, say so on /healthz, fail /readyz and
// answer pages with the translated 503 page, then carry on by itself when PostgreSQL is back.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sleep, spawnTsx, startKillablePostgres, waitFor, type ChildOutput, type KillablePostgres } from './process-harness.ts';

let postgres: KillablePostgres;
let portal: ChildOutput;
let origin: string;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, { headers, redirect: 'manual' }).then(async (response) => ({
    status: response.status,
    headers: response.headers,
    body: await response.text(),
  }));

async function pledge(email: string) {
  const response = await fetch(`${origin}/give`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({
      amount: '50',
      currency: 'USD',
      frequency: 'once',
      method: 'card',
      earmark: 'general',
      donorType: 'individual',
      givenName: 'Outage',
      familyName: 'Test',
      email,
      website: '',
    }).toString(),
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') ?? '' };
}

async function jobDone(jobKey: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgres.urlFor('portal') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM graphile_worker.jobs WHERE key = $1', [jobKey]);
    return rowCount === 0;
  } finally {
    await client.end();
  }
}

async function addJob(jobKey: string) {
  const client = new pg.Client({ connectionString: postgres.urlFor('portal') });
  await client.connect();
  try {
    await client.query(`SELECT graphile_worker.add_job('refresh-funding-summaries', '{"reason":"outage test"}'::json, job_key := $1)`, [
      jobKey,
    ]);
  } finally {
    await client.end();
  }
}

describe.skipIf(!existsSync('build/server/index.js'))('the portal through a PostgreSQL outage (real SIGKILL)', () => {
  beforeAll(async () => {
    postgres = await startKillablePostgres('test-outage-portal');
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    portal = spawnTsx('server.ts', {
      DATABASE_URL: postgres.urlFor('portal'),
      PORTAL_MODE: 'demo',
      WORKER_MODE: 'inline',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ORIGIN: origin,
      DEMO_MAIL_PORT: String(await freePort()),
      DEMO_STRIPE_PORT: String(await freePort()),
    });
    await waitFor('the portal to start', () => /ready on/.test(portal.output()) || !portal.isAlive(), 120_000);
    expect(portal.isAlive(), portal.output()).toBe(true);
  }, 150_000);

  afterAll(async () => {
    await portal?.stop();
    if (process.env.OUTAGE_TEST_LOG) console.log(portal?.output());
    await postgres?.destroy();
  });

  it('lives through the outage: /healthz 200, /readyz 503, pages the 503 page; all green again after the restart', async () => {
    expect((await get('/readyz')).status).toBe(200);
    // Jobs in flight when the database goes: a pledge queues its work just before the kill.
    expect((await pledge('before-outage@example.org')).status).toBe(303);
    await postgres.kill();

    await waitFor('/readyz to turn red', async () => (await get('/readyz')).status === 503);
    const page = await get('/programmes', { 'accept-language': 'fr' });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('10');
    expect(page.body).toContain('Le portail est momentanément indisponible');
    const arabic = await get('/?lng=ar');
    expect(arabic.status).toBe(503);
    expect(arabic.body).toContain('dir="rtl"');
    // Long enough for the job runner to fail its jobs and its listener to give up.
    await sleep(4000);
    expect(portal.isAlive(), portal.output()).toBe(true);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/give')).status).toBe(503);

    await postgres.restart();
    await waitFor('/readyz to turn green', async () => (await get('/readyz')).status === 200);
    expect((await get('/programmes')).status).toBe(200);
    const after = await pledge('after-outage@example.org');
    expect(after.status).toBe(303);
    expect(after.location).toContain('/c/pay/');
    // The job runner came back by itself: a new job runs.
    await addJob('outage-test:after');
    await waitFor('a job queued after the outage to run', () => jobDone('outage-test:after'), 30_000);
    expect(portal.isAlive()).toBe(true);
  }, 120_000);
});
