// Programme and project basics for the public pages: the texts, places and dates a page shows
// around the funding figures (those come from funding-report.server.ts), and a project's impact
// updates with its result indicators.
import { getPrisma, type DbClient } from '~/utils/db.server.ts';
import type { LocalizedText } from '~/utils/i18n.ts';
import { isoDate, toProjectBasics, type ProjectBasics } from './project-basics.server.ts';

export interface ProgrammeBasics {
  id: string;
  slug: string;
  code: string;
  title: LocalizedText;
  mandate: LocalizedText;
}

export interface ImpactUpdateItem {
  id: string;
  title: LocalizedText;
  body: LocalizedText;
  /** ISO timestamp */
  publishedAt: string;
}

export interface IndicatorItem {
  id: string;
  code: string;
  name: LocalizedText;
  unit: string;
  /** Decimal values as strings (exact, from NUMERIC(18,4)) */
  baseline: string;
  target: string;
  latest: { value: string; measuredOn: string } | null;
}

export interface ProjectDetails extends ProjectBasics {
  id: string;
  programme: { slug: string; title: LocalizedText };
  /** Newest first */
  updates: ImpactUpdateItem[];
  indicators: IndicatorItem[];
}


/** One programme by its URL slug; null when there is none. */
export async function getProgrammeBySlug(args: { slug: string; db?: DbClient }): Promise<ProgrammeBasics | null> {
  const db = args.db ?? getPrisma();
  const programme = await db.programme.findUnique({
    where: { slug: args.slug },
    select: { id: true, slug: true, code: true, title: true, mandate: true },
  });
  if (!programme) return null;
  // Texts are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
  return { ...programme, title: programme.title as LocalizedText, mandate: programme.mandate as LocalizedText };
}

/** Regions and countries where a programme has projects, for its filter menus. */
export async function listProgrammePlaces(args: { programmeId: string; db?: DbClient }): Promise<{ regionCodes: string[]; countryCodes: string[] }> {
  const db = args.db ?? getPrisma();
  const projects = await db.project.findMany({
    where: { programmeId: args.programmeId },
    select: { regionCode: true, countryCode: true },
  });
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
  return {
    regionCodes: distinct(projects.map((p) => p.regionCode)),
    countryCodes: distinct(projects.map((p) => p.countryCode)),
  };
}

/**
 * One project by code with its programme, impact updates (newest first) and indicators, each
 * with its latest measured value; null when there is no such project.
 */
export async function getProjectByCode(args: { code: string; db?: DbClient }): Promise<ProjectDetails | null> {
  const db = args.db ?? getPrisma();
  const project = await db.project.findUnique({
    where: { code: args.code },
    include: {
      programme: { select: { slug: true, title: true } },
      updates: { orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], select: { id: true, title: true, body: true, publishedAt: true } },
      indicators: {
        orderBy: { code: 'asc' },
        include: { values: { orderBy: [{ measuredOn: 'desc' }, { createdAt: 'desc' }], take: 1 } },
      },
    },
  });
  if (!project) return null;
  return {
    id: project.id,
    ...toProjectBasics(project),
    programme: { slug: project.programme.slug, title: project.programme.title as LocalizedText },
    updates: project.updates.map((update) => ({
      id: update.id,
      title: update.title as LocalizedText,
      body: update.body as LocalizedText,
      publishedAt: update.publishedAt.toISOString(),
    })),
    indicators: project.indicators.map((indicator) => {
      const latest = indicator.values[0];
      return {
        id: indicator.id,
        code: indicator.code,
        name: indicator.name as LocalizedText,
        unit: indicator.unit,
        baseline: indicator.baseline.toString(),
        target: indicator.target.toString(),
        latest: latest ? { value: latest.value.toString(), measuredOn: isoDate(latest.measuredOn) } : null,
      };
    }),
  };
}
