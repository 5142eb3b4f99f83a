// The figures of one programme or project as its own public page shows them: a programme's for
// one year (the current UTC year, or the year an appeal went out), a project's over its whole
// life, from its start year to its end year. The give page beside the form, an appeal's email
// blocks and an appeal's results read them this way, so all of them agree with the pages.
import type { DbClient } from '~/platform/db.server.ts';
import { getFundingFigures } from './funding-figure-queries.server.ts';

export type FigureTarget = { kind: 'programme'; id: string } | { kind: 'project'; id: string; startDate: Date; endDate: Date };

/** The years a target's figures cover: the programme's `year`, or the project's life (at least its start year). */
export function figureYears(target: FigureTarget, year: number): { fromYear: number; toYear: number } {
  if (target.kind === 'programme') return { fromYear: year, toYear: year };
  const fromYear = target.startDate.getUTCFullYear();
  return { fromYear, toYear: Math.max(fromYear, target.endDate.getUTCFullYear()) };
}

/** A programme's figures for `year`, a project's over its whole life, with the years they cover. */
export async function getTargetFigures({ target, year, db }: { target: FigureTarget; year: number; db?: DbClient }) {
  const { fromYear, toYear } = figureYears(target, year);
  const scope = target.kind === 'programme' ? { programmeId: target.id } : { projectId: target.id };
  const figures = await getFundingFigures({ ...scope, fromYear, toYear, db });
  return { fromYear, toYear, figures };
}
