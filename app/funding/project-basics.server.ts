// The descriptive fields of a project as every read model returns them: texts in six languages,
// places, sector, status and ISO dates (YYYY-MM-DD).
import type { ProjectStatus } from '~/generated/prisma/client.ts';
import type { LocalizedText } from '~/platform/i18n.ts';

export interface ProjectBasics {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  countryCode: string | null;
  regionCode: string;
  sectorCode: string;
  status: ProjectStatus;
  /** ISO dates (YYYY-MM-DD) */
  startDate: string;
  endDate: string;
}

/** A date column as YYYY-MM-DD (dates are stored UTC). */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export function toProjectBasics(project: {
  code: string;
  title: unknown;
  description: unknown;
  countryCode: string | null;
  regionCode: string;
  sectorCode: string;
  status: ProjectStatus;
  startDate: Date;
  endDate: Date;
}): ProjectBasics {
  return {
    code: project.code,
    // Titles and descriptions are written as { en, fr, ... } by the seed and staff forms: a parse boundary.
    title: project.title as LocalizedText,
    description: project.description as LocalizedText,
    countryCode: project.countryCode,
    regionCode: project.regionCode,
    sectorCode: project.sectorCode,
    status: project.status,
    startDate: isoDate(project.startDate),
    endDate: isoDate(project.endDate),
  };
}
