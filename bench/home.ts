// npm run bench:home — the built home page (server-rendered from the ledger) against a bare
// node:http server returning the same bytes, in the same run. Prints req/s, p99 and the ratios:
// cached (whole-page cache hit) and rendered (a session cookie bypasses the page cache, so React
// renders every request; the read models still come from the in-process data cache).
// The machine's two cores are shared with the load generator and with other work, so the run is
// BENCH_ROUNDS rounds of cached, bare, rendered back to back (BENCH_SECONDS each): each round's
// ratios compare neighbours, and the median round is reported beside all of them.
// WEB_CONCURRENCY=2 runs the portal as two web processes (docs/decisions/024); BENCH_PORT moves it
// off port 3200.
import { load, startBareServer, startPortal, type LoadResult } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const webProcesses = Number(process.env.WEB_CONCURRENCY ?? 1);
const portal = await startPortal({ port: Number(process.env.BENCH_PORT ?? 3200) });
try {
  const response = await fetch(`${portal.origin}/`);
  const body = Buffer.from(await response.arrayBuffer());
  const bare = await startBareServer(body, { 'content-type': response.headers.get('content-type') ?? 'text/html' });
  const rendered = { cookie: 'portal_session=bench-bypass' };

  await load({ url: `${portal.origin}/`, connections, seconds: 2 }); // warm-up
  await load({ url: `${portal.origin}/`, connections, seconds: 2, headers: rendered });
  const results: { cached: LoadResult; bare: LoadResult; rendered: LoadResult }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    results.push({
      cached: await load({ url: `${portal.origin}/`, connections, seconds }),
      bare: await load({ url: bare.origin, connections, seconds }),
      rendered: await load({ url: `${portal.origin}/`, connections, seconds, headers: rendered }),
    });
  }
  bare.server.close();

  const line = (name: string, r: LoadResult) =>
    `${name.padEnd(22)}: ${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}, non-2xx ${r.non2xx}`;
  const ratio = (a: LoadResult, b: LoadResult) => a.requestsPerSecond / b.requestsPerSecond;
  console.log(
    `home page bytes: ${body.length}; ${webProcesses} web process(es); ${rounds} rounds, ${connections} connections, ${seconds} s each`,
  );
  results.forEach((r, index) => {
    console.log(`round ${index + 1}`);
    console.log(`  ${line('portal home, cached', r.cached)}`);
    console.log(`  ${line('portal home, rendered', r.rendered)}`);
    console.log(`  ${line('bare node:http', r.bare)}`);
    console.log(`  ratio cached/bare ${ratio(r.cached, r.bare).toFixed(3)}, rendered/bare ${ratio(r.rendered, r.bare).toFixed(3)}`);
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `median ratio cached/bare ${median(results.map((r) => ratio(r.cached, r.bare))).toFixed(3)}, ` +
      `rendered/bare ${median(results.map((r) => ratio(r.rendered, r.bare))).toFixed(3)}, ` +
      `rendered ${median(results.map((r) => r.rendered.requestsPerSecond))} req/s, ` +
      `cached p99 ${median(results.map((r) => r.cached.p99Ms))} ms, rendered p99 ${median(results.map((r) => r.rendered.p99Ms))} ms`,
  );
} finally {
  await portal.stop();
}
