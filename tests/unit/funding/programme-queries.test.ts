// Programme and project basics read in one statement each must equal what Prisma's relation
// queries give: texts, places, dates, impact updates in order, indicators with their latest value
// (decimals printed as Prisma's Decimal prints them).
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { getProgrammeBySlug, getProjectByCode } from '~/funding/programme-queries.server.ts';
import { isoDate } from '~/funding/project-basics.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
});

/** The project as Prisma's includes read it (the shape getProjectByCode returns). */
async function projectThroughRelations(code: string) {
  const project = await getPrisma().project.findUniqueOrThrow({
    where: { code },
    include: {
      programme: { select: { slug: true, title: true } },
      updates: { orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], select: { id: true, title: true, body: true, publishedAt: true } },
      indicators: { orderBy: { code: 'asc' }, include: { values: { orderBy: [{ measuredOn: 'desc' }, { createdAt: 'desc' }], take: 1 } } },
    },
  });
  return {
    id: project.id,
    code: project.code,
    title: project.title,
    description: project.description,
    countryCode: project.countryCode,
    regionCode: project.regionCode,
    sectorCode: project.sectorCode,
    status: project.status,
    startDate: isoDate(project.startDate),
    endDate: isoDate(project.endDate),
    programme: project.programme,
    updates: project.updates.map((u) => ({ ...u, publishedAt: u.publishedAt.toISOString() })),
    indicators: project.indicators.map(({ values, projectId: _projectId, ...indicator }) => ({
      ...indicator,
      baseline: indicator.baseline.toString(),
      target: indicator.target.toString(),
      latest: values[0] ? { value: values[0].value.toString(), measuredOn: isoDate(values[0].measuredOn) } : null,
    })),
  };
}

describe('programme basics', () => {
  it('gives the programme with the distinct places of its projects, in code order', async () => {
    for (const programme of await getPrisma().programme.findMany()) {
      const read = await getProgrammeBySlug({ slug: programme.slug });
      const projects = await getPrisma().project.findMany({ where: { programmeId: programme.id } });
      const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
      expect(read).toEqual({
        id: programme.id,
        slug: programme.slug,
        code: programme.code,
        title: programme.title,
        mandate: programme.mandate,
        places: { regionCodes: distinct(projects.map((p) => p.regionCode)), countryCodes: distinct(projects.map((p) => p.countryCode)) },
      });
    }
    expect(await getProgrammeBySlug({ slug: 'no-such-programme' })).toBeNull();
  });
});

describe('project details', () => {
  it('equals the relation queries for every project, updates and indicators included', async () => {
    const projects = await getPrisma().project.findMany({ select: { code: true } });
    let withIndicators = 0;
    for (const { code } of projects) {
      const read = await getProjectByCode({ code });
      expect(read).toEqual(await projectThroughRelations(code));
      if (read?.indicators.some((indicator) => indicator.latest)) withIndicators += 1;
    }
    expect(withIndicators).toBeGreaterThan(0);
    expect(await getProjectByCode({ code: 'NOPE99' })).toBeNull();
  });

  it('prints decimals as Prisma does (no trailing zeros) and picks the latest measurement', async () => {
    const project = await getPrisma().project.findFirstOrThrow({ where: { indicators: { some: {} } }, include: { indicators: true } });
    const indicator = project.indicators[0]!;
    await getPrisma().indicator.update({ where: { id: indicator.id }, data: { baseline: '1500.0000', target: '0.0500' } });
    await getPrisma().indicatorValue.create({
      data: { indicatorId: indicator.id, measuredOn: new Date(Date.UTC(2099, 0, 31)), value: '12.3400' },
    });
    const read = await getProjectByCode({ code: project.code });
    const shown = read!.indicators.find((item) => item.id === indicator.id)!;
    expect(shown).toMatchObject({ baseline: '1500', target: '0.05', latest: { value: '12.34', measuredOn: '2099-01-31' } });
    expect(read).toEqual(await projectThroughRelations(project.code));
  });
});
