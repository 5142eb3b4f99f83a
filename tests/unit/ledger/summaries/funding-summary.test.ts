import { beforeAll, describe, expect, test } from 'vitest';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { refreshFundingSummaries, verifyFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import type { JobHelpers } from 'graphile-worker';
import { refreshFundingSummariesTask } from '~/ledger/summaries/refresh-summaries-task.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { updateProject } from '~/programmes/programme-commands.server.ts';
import { projectSchema } from '~/programmes/programme-editor-schemas.ts';
import { buildLedgerFixture } from '../ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;

beforeAll(async () => {
  fixture = await buildLedgerFixture(getPrisma());
});

describe('funding summaries', () => {
  test('a refresh writes one row per project-year with facts, equal to the ledger queries', async () => {
    expect(await verifyFundingSummaries()).toContain(`funding summary missing for project ${fixture.a1.id} year 2025`);
    const result = await refreshFundingSummaries();
    // A1 2024, 2025, 2026 (open JPY instalment); A2 2025; B1 2025
    expect(result).toEqual({ rows: 5, projects: 3, years: 3 });
    expect(await verifyFundingSummaries()).toEqual([]);

    const db = getPrisma();
    for (const row of await db.fundingSummary.findMany()) {
      const figures = await getFundingFigures({ projectId: row.projectId, fromYear: row.year, toYear: row.year });
      expect({
        requirement: Number(row.requirementUsdMinor),
        regularBudget: Number(row.regularBudgetUsdMinor),
        generalPurpose: Number(row.generalPurposeUsdMinor),
        earmarked: Number(row.earmarkedUsdMinor),
        pledgedUnpaid: Number(row.pledgedUnpaidUsdMinor),
      }).toEqual({ requirement: figures.requirementUsdMinor, ...figures.fundedBySource, pledgedUnpaid: figures.pledgedUnpaidUsdMinor });
    }
    const a1In2026 = await db.fundingSummary.findUniqueOrThrow({ where: { projectId_year: { projectId: fixture.a1.id, year: 2026 } } });
    expect(a1In2026.pledgedUnpaidUsdMinor).toBe(167_500n);
  });

  test('verify reports a stale row; a second refresh (also concurrent) repairs it', async () => {
    const db = getPrisma();
    await db.fundingSummary.update({
      where: { projectId_year: { projectId: fixture.b1.id, year: 2025 } },
      data: { requirementUsdMinor: 1n },
    });
    await db.fundingSummary.create({
      data: {
        projectId: fixture.b1.id,
        year: 2099,
        requirementUsdMinor: 0n,
        regularBudgetUsdMinor: 0n,
        generalPurposeUsdMinor: 0n,
        earmarkedUsdMinor: 0n,
        pledgedUnpaidUsdMinor: 0n,
      },
    });
    expect(await verifyFundingSummaries()).toEqual([
      `funding summary ${fixture.b1.id}/2025 requirementUsdMinor: stored 1, facts give 2000000`,
      `funding summary ${fixture.b1.id}/2099 has no facts behind it`,
    ]);
    const results = await Promise.all([refreshFundingSummaries(), refreshFundingSummaries()]);
    expect(results.map((result) => result.rows)).toEqual([5, 5]);
    expect(await verifyFundingSummaries()).toEqual([]);
  });

  test('verify compares every summary table, not only funding_summaries', async () => {
    const db = getPrisma();
    await refreshFundingSummaries();
    await db.$executeRaw`UPDATE donor_year_counts SET donors = donors + 1 WHERE year = 2025`;
    await db.$executeRaw`DELETE FROM open_instalments WHERE year = 2026`;
    const problems = await verifyFundingSummaries();
    expect(problems).toContainEqual(expect.stringMatching(/^donor_year_counts: facts give \{.*"year":2025.*\}, not stored$/));
    expect(problems).toContainEqual(expect.stringMatching(/^donor_year_counts: stored \{.*"year":2025.*\} has no facts behind it$/));
    expect(problems).toContainEqual(expect.stringMatching(/^open_instalments: facts give \{.*"openUsdMinor":167500.*\}, not stored$/));
    await refreshFundingSummaries();
    expect(await verifyFundingSummaries()).toEqual([]);
  });

  test('a project moved to another country takes its donors’ country rows along (decision 062)', async () => {
    const db = getPrisma();
    await refreshFundingSummaries();
    const countries = async () =>
      (await db.countryDonorYear.groupBy({ by: ['countryCode'], _sum: { allocatedUsdMinor: true } })).map((row) => [
        row.countryCode,
        row._sum.allocatedUsdMinor,
      ]);
    const before = await countries();
    expect(before).toEqual([['KE', expect.any(BigInt)]]);
    expect(before[0]![1]).not.toBe(0n);
    const actor = await db.staffUser.create({ data: { email: 'mover@example.org', name: 'Mover', roles: ['PROGRAMME_OFFICER'] } });
    const project = await db.project.findUniqueOrThrow({ where: { id: fixture.a1.id } });
    const input = (countryCode: string) =>
      projectSchema.parse({
        code: project.code,
        programmeId: project.programmeId,
        title: project.title,
        description: project.description,
        countryCode,
        regionCode: project.regionCode,
        sectorCode: project.sectorCode,
        status: project.status,
        startDate: project.startDate.toISOString().slice(0, 10),
        endDate: project.endDate.toISOString().slice(0, 10),
      });
    await updateProject({ actorId: actor.id, projectId: project.id, input: input('TZ') });
    expect(await countries()).toEqual([['TZ', before[0]![1]]]);
    expect(await db.countryDonorBound.count({ where: { countryCode: 'KE' } })).toBe(0);
    expect(await verifyFundingSummaries()).toEqual([]);
    await updateProject({ actorId: actor.id, projectId: project.id, input: input('KE') });
    expect(await countries()).toEqual(before);
    expect(await verifyFundingSummaries()).toEqual([]);
  });

  test('the job recomputes, repairs what differs and logs it', async () => {
    await getPrisma().fundingSummary.deleteMany();
    const lines: string[] = [];
    const logger = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(`ERROR ${line}`) };
    // graphile-worker hands the task a full JobHelpers; the task only uses its logger
    await refreshFundingSummariesTask({ reason: 'test' }, { logger } as unknown as JobHelpers);
    expect(lines.filter((line) => line.startsWith('ERROR funding_summaries: facts give'))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^funding summaries repaired \(test\): 5 rows differed, in \d+ ms$/);
    expect(await verifyFundingSummaries()).toEqual([]);
    lines.length = 0;
    await refreshFundingSummariesTask({ reason: 'test' }, { logger } as unknown as JobHelpers);
    expect(lines).toEqual([expect.stringMatching(/^funding summaries checked \(test\): in step with the facts, in \d+ ms$/)]);
  });
});
