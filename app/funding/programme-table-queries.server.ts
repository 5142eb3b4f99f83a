// Each programme's figures for the funding filters (years, programme, region, country, project): the /funding
// dashboard's programme table and GET /api/v1/programmes read the same rows, so a download holds
// exactly what the table shows. The figures are the ledger's (listProgrammeFiguresInRange):
// with a region, only project-level money counts (a programme-level pledge or pool has no
// region), so pledged-unpaid leaves out programme-level promises and the pool is null.
import type { DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { cachedRead } from '~/platform/cache/public-data-cache.server.ts';
import { listProgrammeFiguresInRange, type FundingFigures } from '~/ledger/funding-figure-queries.server.ts';

export interface ProgrammeFigures extends FundingFigures {
  id: string;
  slug: string;
  code: string;
  title: LocalizedText;
  /** Received for the programme, not yet allocated to projects; null with a region, country or project filter */
  unallocatedUsdMinor: number | null;
}

export interface ProgrammeFiguresFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  regionCode?: string;
  countryCode?: string;
  projectId?: string;
}

async function listProgrammeFiguresUncached(args: ProgrammeFiguresFilter & { db?: DbClient }): Promise<ProgrammeFigures[]> {
  if (
    !Number.isInteger(args.fromYear) ||
    !Number.isInteger(args.toYear) ||
    args.fromYear > args.toYear ||
    args.toYear - args.fromYear > 200
  ) {
    throw new RangeError(`invalid year range ${args.fromYear}–${args.toYear}`);
  }
  const rows = await listProgrammeFiguresInRange(args);
  return rows.map(({ sortOrder: _sortOrder, ...row }) => ({
    ...row,
    unallocatedUsdMinor: args.regionCode || args.countryCode || args.projectId ? null : row.unallocatedUsdMinor,
  }));
}

/** Every programme (or the one asked for) with its figures for the filters. Cached outside transactions. */
export const listProgrammeFigures = cachedRead('listProgrammeFigures', listProgrammeFiguresUncached);
