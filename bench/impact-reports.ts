// npm run bench:impact-reports — the quarterly impact report fan-out at scale (issue #13 item 4):
// BENCH_DONORS donors (default 100,000) in a fresh database on BENCH_SERVER_URL (dropped at the
// end), each with a gift to one of four projects — nine in ten in the reported quarter, one in
// ten earlier (nothing new) — nine in ten consenting, in six languages and all four frequencies.
// Prints the fan-out's time and rate (impact read, report row and outbox email per donor), a
// rerun's (queues nothing), and the render time per email of a sample of queued reports through
// the outbox's renderer (rendering happens when the outbox sends, not in the fan-out).
//
// BENCH_SEND=1 then sends them end to end: `npm run worker` (scripts/worker.ts, a child process)
// drains the outbox through the Resend fake at Resend's default 2 requests/s × 100 emails per
// batch = 200 emails/s. Prints a progress line every 15 s (sent, rate), the final rate against
// that ceiling, the fake's counts, and the worker's CPU per email sent (rendering included).
// Rendering here as in the worker: React's production build (scripts/production-mode.ts).
import '../scripts/production-mode.ts';
import { readFileSync } from 'node:fs';
import { startResendFake } from '../tests/fakes/resend.ts';
import { spawnTsx } from '../tests/unit/platform/outage/process-harness.ts';
import { withFreshDatabase } from './lib.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const donors = Number(process.env.BENCH_DONORS ?? 100_000);
const sample = Number(process.env.BENCH_RENDER_SAMPLE ?? 1_000);
const isSending = process.env.BENCH_SEND === '1';
const ratePerSecond = 2;
const ceiling = ratePerSecond * 100;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** User + system CPU of a process so far (Linux /proc), in ms. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

await withFreshDatabase({ server: serverUrl, prefix: 'portal_bench_impact' }, async (url) => {
  process.env.APP_ORIGIN ??= 'https://portal.example.org';
  const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
  const { createImpactReportRun, continueImpactReportRun } = await import('../app/impact/impact-report-run-commands.server.ts');
  const { emailRenderer } = await import('../app/email-templates.server.ts');
  const { createBenchProjects, seedDonors, seedProjectGifts } = await import('./donor-seeding.ts');
  const db = getPrisma();
  const projectIds = await createBenchProjects(db, ['BENCH1', 'BENCH2', 'BENCH3', 'BENCH4']);
  let started = performance.now();
  await seedDonors(db, { count: donors, isMixed: true, isEveryTenthRefusing: true });
  // One gift per donor to one of the projects, nine in ten in the reported quarter.
  await seedProjectGifts(db, { projectIds, isEveryTenthQuiet: true });
  console.log(`seeded ${donors} donors with a gift each: ${seconds(performance.now() - started)} s`);

  const run = await createImpactReportRun({ period: '2025-Q4', trigger: 'COMMAND' });
  started = performance.now();
  let lastLine = started;
  const counts = await continueImpactReportRun({
    runId: run.id,
    afterDonor: () => {
      if (performance.now() - lastLine > 15_000) {
        lastLine = performance.now();
        console.log(`  … ${seconds(lastLine - started)} s`);
      }
    },
  });
  const fanOutMs = performance.now() - started;
  console.log(
    `fan-out 2025-Q4: ${counts.donors} donors, ${counts.queued} queued, ${counts.skipped} skipped in ${seconds(fanOutMs)} s ` +
      `(${Math.round(counts.donors / (fanOutMs / 1000))} donors/s, ${(fanOutMs / Math.max(1, counts.queued)).toFixed(2)} ms per queued report)`,
  );
  started = performance.now();
  const again = await continueImpactReportRun({ runId: (await createImpactReportRun({ period: '2025-Q4', trigger: 'COMMAND' })).id });
  console.log(`rerun: ${again.queued} queued, ${again.skipped} skipped in ${seconds(performance.now() - started)} s`);

  const emails = await db.emailOutbox.findMany({ where: { template: 'impact-report' }, take: sample, orderBy: { id: 'asc' } });
  started = performance.now();
  let bytes = 0;
  for (const email of emails)
    bytes += (await emailRenderer.render({ template: email.template, locale: email.locale, props: email.props })).html.length;
  const renderMs = performance.now() - started;
  console.log(
    `render (HTML + text) of ${emails.length} queued reports: ${(renderMs / emails.length).toFixed(2)} ms per email, ` +
      `${Math.round(bytes / emails.length / 1024)} KiB HTML each; ${counts.queued} would take ${seconds((renderMs / emails.length) * counts.queued)} s`,
  );

  if (isSending) {
    const fake = await startResendFake({ rateLimitPerSecond: ratePerSecond });
    const worker = spawnTsx('scripts/worker.ts', {
      DATABASE_URL: url,
      PORTAL_MODE: 'demo',
      RESEND_BASE_URL: fake.url,
      RESEND_API_KEY: 're_bench',
      RESEND_RATE_LIMIT_PER_SECOND: String(ratePerSecond),
    });
    try {
      const status = async () => {
        const rows = await db.emailOutbox.groupBy({ by: ['status'], where: { template: 'impact-report' }, _count: true });
        const of = (name: string) => rows.find((row) => row.status === name)?._count ?? 0;
        return { sent: of('SENT'), pending: of('PENDING'), failed: of('FAILED'), skipped: of('SKIPPED') };
      };
      const sendStarted = performance.now();
      while (!worker.output().includes('[worker] running')) await sleep(50);
      // The worker's CPU from here on: its start-up (loading the app through tsx) left out.
      const startupCpuMs = cpuMsOf(worker.child.pid!);
      let line = { at: sendStarted, sent: 0 };
      let now = await status();
      while (now.pending > 0) {
        if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode}):\n${worker.output()}`);
        await sleep(1000);
        now = await status();
        if (performance.now() - line.at >= 15_000) {
          const at = performance.now();
          console.log(
            `  … ${seconds(at - sendStarted)} s: ${now.sent} sent, ${now.failed} failed, ${now.pending} pending ` +
              `(${((now.sent - line.sent) / ((at - line.at) / 1000)).toFixed(1)}/s over the last ${seconds(at - line.at)} s, ` +
              `${(now.sent / ((at - sendStarted) / 1000)).toFixed(1)}/s since the worker started)`,
          );
          line = { at, sent: now.sent };
        }
      }
      const sendMs = performance.now() - sendStarted;
      const workerCpuMs = cpuMsOf(worker.child.pid!) - startupCpuMs;
      const range = await db.emailOutbox.aggregate({ _min: { sentAt: true }, _max: { sentAt: true }, where: { status: 'SENT' } });
      const firstToLastMs = range._max.sentAt!.getTime() - range._min.sentAt!.getTime();
      const rate = now.sent / (sendMs / 1000);
      // Between the first and the last batch recorded: the steady rate, without the worker's start-up.
      const steadyRate = (now.sent - 100) / (firstToLastMs / 1000);
      const calls = fake.counts();
      const recipients = new Set(fake.messages().flatMap((message) => message.to));
      console.log(
        `sending: ${now.sent} sent, ${now.failed} failed, ${now.skipped} skipped at send time in ${seconds(sendMs)} s from the worker's start: ` +
          `${rate.toFixed(1)} emails/s = ${((rate / ceiling) * 100).toFixed(1)} % of the ${ceiling}/s ceiling ` +
          `(first to last batch: ${steadyRate.toFixed(1)}/s = ${((steadyRate / ceiling) * 100).toFixed(1)} %)`,
      );
      console.log(
        `fake: ${calls.batches} batch calls, ${calls.rateLimited} answered 429, ${fake.messages().length} messages to ${recipients.size} addresses; ` +
          `worker CPU after start-up ${seconds(workerCpuMs)} s = ${(workerCpuMs / Math.max(1, now.sent)).toFixed(2)} ms per email sent (rendering included)`,
      );
    } finally {
      await worker.stop();
      await fake.close();
    }
  }
  await disconnectPrisma();
});
