// Programme and project basics for the public pages: the texts, places and dates a page shows
// around the funding figures (those come from funding-report.server.ts), and a project's impact
// updates with its result indicators.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { toProjectBasics, type ProjectBasics } from './project-basics.server.ts';

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

/** Regions and countries where a programme has projects, for its filter menus (sorted, distinct). */
export interface ProgrammePlaces {
  regionCodes: string[];
  countryCodes: string[];
}

/**
 * One programme by its URL slug with the places of its projects; null when there is none.
 * One statement: the programme page waits for it before its figures.
 */
export async function getProgrammeBySlug(args: {
  slug: string;
  db?: DbClient;
}): Promise<(ProgrammeBasics & { places: ProgrammePlaces }) | null> {
  const db = args.db ?? getPrisma();
  // "C" order is JavaScript's sort order for these codes.
  const [row] = await db.$queryRaw<(ProgrammeBasics & ProgrammePlaces & { title: unknown; mandate: unknown })[]>`
    SELECT pg.id::text AS id, pg.slug, pg.code, pg.title, pg.mandate,
           ARRAY(SELECT DISTINCT p."regionCode" COLLATE "C" FROM projects p WHERE p."programmeId" = pg.id ORDER BY 1) AS "regionCodes",
           ARRAY(SELECT DISTINCT p."countryCode"::text COLLATE "C" FROM projects p
                 WHERE p."programmeId" = pg.id AND p."countryCode" IS NOT NULL ORDER BY 1) AS "countryCodes"
    FROM programmes pg WHERE pg.slug = ${args.slug}`;
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    code: row.code,
    // Texts are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
    title: row.title as LocalizedText,
    mandate: row.mandate as LocalizedText,
    places: { regionCodes: row.regionCodes, countryCodes: row.countryCodes },
  };
}

type ProjectDetailsRow = Parameters<typeof toProjectBasics>[0] & {
  id: string;
  programmeSlug: string;
  programmeTitle: unknown;
  updates: { id: string; title: unknown; body: unknown; publishedAtMs: number }[];
  indicators: {
    id: string;
    code: string;
    name: unknown;
    unit: string;
    baseline: string;
    target: string;
    latest: { value: string; measuredOn: string } | null;
  }[];
};

/**
 * One project by code with its programme, impact updates (newest first) and indicators, each
 * with its latest measured value; null when there is no such project. One statement (the updates
 * and indicators as JSON) rather than one per relation: the project page waits for it before
 * its figures. Decimals are NUMERIC(18,4) printed without trailing zeros (trim_scale), as
 * Prisma's Decimal#toString prints them; timestamps travel as epoch milliseconds.
 */
export async function getProjectByCode(args: { code: string; db?: DbClient }): Promise<ProjectDetails | null> {
  const db = args.db ?? getPrisma();
  const [project] = await db.$queryRaw<ProjectDetailsRow[]>`
    SELECT p.id::text AS id, p.code, p.title, p.description, p."countryCode", p."regionCode", p."sectorCode",
           p.status::text AS status, p."startDate", p."endDate", pg.slug AS "programmeSlug", pg.title AS "programmeTitle",
           COALESCE((SELECT json_agg(json_build_object('id', u.id, 'title', u.title, 'body', u.body,
                                                       'publishedAtMs', (extract(epoch FROM u."publishedAt") * 1000)::bigint)
                                     ORDER BY u."publishedAt" DESC, u.id)
                     FROM impact_updates u WHERE u."projectId" = p.id), '[]'::json) AS updates,
           COALESCE((SELECT json_agg(json_build_object('id', i.id, 'code', i.code, 'name', i.name, 'unit', i.unit,
                                                       'baseline', trim_scale(i.baseline)::text, 'target', trim_scale(i.target)::text,
                                                       'latest', (SELECT json_build_object('value', trim_scale(v.value)::text,
                                                                                           'measuredOn', to_char(v."measuredOn", 'YYYY-MM-DD'))
                                                                  FROM indicator_values v WHERE v."indicatorId" = i.id
                                                                  ORDER BY v."measuredOn" DESC, v."createdAt" DESC LIMIT 1))
                                     ORDER BY i.code)
                     FROM indicators i WHERE i."projectId" = p.id), '[]'::json) AS indicators
    FROM projects p JOIN programmes pg ON pg.id = p."programmeId"
    WHERE p.code = ${args.code}`;
  if (!project) return null;
  return {
    id: project.id,
    ...toProjectBasics(project),
    // Texts are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
    programme: { slug: project.programmeSlug, title: project.programmeTitle as LocalizedText },
    updates: project.updates.map((update) => ({
      id: update.id,
      title: update.title as LocalizedText,
      body: update.body as LocalizedText,
      publishedAt: new Date(update.publishedAtMs).toISOString(),
    })),
    indicators: project.indicators.map((indicator) => ({
      id: indicator.id,
      code: indicator.code,
      name: indicator.name as LocalizedText,
      unit: indicator.unit,
      baseline: indicator.baseline,
      target: indicator.target,
      latest: indicator.latest,
    })),
  };
}
