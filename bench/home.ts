// npm run bench:home — the built home page (server-rendered from the ledger) against a bare
// node:http server returning the same bytes, in the same run. Prints req/s, p99 and the ratios:
// cached (whole-page cache hit) and rendered (a session cookie bypasses the page cache, so React
// renders every request; the read models still come from the in-process data cache).
import { load, startBareServer, startPortal } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const portal = await startPortal({ port: 3200 });
try {
  const response = await fetch(`${portal.origin}/`);
  const body = Buffer.from(await response.arrayBuffer());
  const bare = await startBareServer(body, { 'content-type': response.headers.get('content-type') ?? 'text/html' });

  await load({ url: `${portal.origin}/`, connections, seconds: 2 }); // warm-up
  const home = await load({ url: `${portal.origin}/`, connections, seconds });
  const rendered = await load({ url: `${portal.origin}/`, connections, seconds, headers: { cookie: 'portal_session=bench-bypass' } });
  const baseline = await load({ url: bare.origin, connections, seconds });
  bare.server.close();

  const ratio = (result: { requestsPerSecond: number }) => (result.requestsPerSecond / baseline.requestsPerSecond).toFixed(3);
  console.log(`home page bytes: ${body.length}`);
  console.log(`portal home, cached   : ${home.requestsPerSecond} req/s, p50 ${home.p50Ms} ms, p99 ${home.p99Ms} ms, errors ${home.errors}, non-2xx ${home.non2xx}`);
  console.log(`portal home, rendered : ${rendered.requestsPerSecond} req/s, p50 ${rendered.p50Ms} ms, p99 ${rendered.p99Ms} ms, errors ${rendered.errors}, non-2xx ${rendered.non2xx}`);
  console.log(`bare node:http        : ${baseline.requestsPerSecond} req/s, p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms`);
  console.log(`ratio cached/bare ${ratio(home)}, rendered/bare ${ratio(rendered)} (${connections} connections, ${seconds} s each)`);
} finally {
  await portal.stop();
}
