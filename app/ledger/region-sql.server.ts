// SQL for "project in a region" with the UN M49 hierarchy (platform/m49-regions.ts): the project's
// own region is the region or one inside it, or its country lies inside the region. Shared by the
// funding read models and the donor summaries so every filter on every page means the same.
import { Prisma } from '~/generated/prisma/client.ts';
import { regionScope } from '~/platform/m49-regions.ts';

/** SQL: true when the project row `alias` lies in region `code` or anywhere inside it. */
export function projectInRegionSql(alias: string, code: string): Prisma.Sql {
  const project = Prisma.raw(alias);
  const { regionCodes, countryCodes } = regionScope(code);
  return Prisma.sql`(${project}."regionCode" = ANY(${regionCodes}::text[]) OR ${project}."countryCode" = ANY(${countryCodes}::text[]))`;
}
