// What the programme officers' pages show: programmes and projects as stored (all six languages,
// so the forms can be filled), regular-budget entries, requirements, updates and indicators with
// their values. Staff pages are never cached: they read the database directly.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';

const iso = (date: Date) => date.toISOString().slice(0, 10);
// Texts are written by the seed and these forms as { en, fr, ... }: a parse boundary.
const text = (value: unknown) => value as LocalizedText;

/** Every programme with its projects (code order), for the list page and the project form's menu. */
export async function listProgrammesForEditing({ db = getPrisma() }: { db?: DbClient } = {}) {
  const programmes = await db.programme.findMany({
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
    select: {
      id: true,
      slug: true,
      code: true,
      title: true,
      projects: { orderBy: { code: 'asc' }, select: { code: true, title: true, status: true } },
    },
  });
  return programmes.map((programme) => ({
    ...programme,
    title: text(programme.title),
    projects: programme.projects.map((project) => ({ ...project, title: text(project.title) })),
  }));
}

/** One programme as stored, with its regular-budget entries (newest first) and what of each is unallocated. */
export async function getProgrammeForEditing({ slug, db = getPrisma() }: { slug: string; db?: DbClient }) {
  const programme = await db.programme.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      code: true,
      title: true,
      mandate: true,
      sortOrder: true,
      regularBudget: {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true, year: true, usdMinor: true, note: true, createdAt: true, allocations: { select: { usdMinor: true } } },
      },
    },
  });
  if (!programme) return null;
  return {
    ...programme,
    title: text(programme.title),
    mandate: text(programme.mandate),
    regularBudget: programme.regularBudget.map((entry) => ({
      id: entry.id,
      year: entry.year,
      usdMinor: entry.usdMinor,
      note: entry.note,
      recordedOn: iso(entry.createdAt),
      allocatedUsdMinor: entry.allocations.reduce((sum, allocation) => sum + allocation.usdMinor, 0n),
    })),
  };
}

/** One project as stored: fields, yearly requirements, updates (newest first), indicators with values (newest first). */
export async function getProjectForEditing({ code, db = getPrisma() }: { code: string; db?: DbClient }) {
  const project = await db.project.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      programmeId: true,
      title: true,
      description: true,
      countryCode: true,
      regionCode: true,
      sectorCode: true,
      status: true,
      startDate: true,
      endDate: true,
      requirements: { orderBy: { year: 'asc' }, select: { year: true, usdMinor: true } },
      updates: { orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], select: { id: true, title: true, body: true, publishedAt: true } },
      indicators: {
        orderBy: { code: 'asc' },
        select: {
          id: true,
          code: true,
          name: true,
          unit: true,
          baseline: true,
          target: true,
          values: { orderBy: [{ measuredOn: 'desc' }, { createdAt: 'desc' }], select: { id: true, measuredOn: true, value: true } },
        },
      },
    },
  });
  if (!project) return null;
  return {
    ...project,
    title: text(project.title),
    description: text(project.description),
    startDate: iso(project.startDate),
    endDate: iso(project.endDate),
    updates: project.updates.map((update) => ({
      id: update.id,
      title: text(update.title),
      body: text(update.body),
      publishedOn: iso(update.publishedAt),
    })),
    indicators: project.indicators.map((indicator) => ({
      ...indicator,
      name: text(indicator.name),
      baseline: indicator.baseline.toFixed(),
      target: indicator.target.toFixed(),
      values: indicator.values.map((value) => ({ id: value.id, measuredOn: iso(value.measuredOn), value: value.value.toFixed() })),
    })),
  };
}
