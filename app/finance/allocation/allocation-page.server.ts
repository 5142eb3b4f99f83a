// /staff/finance/allocations: the pools with their balances, each project's gap beside the money
// its pools hold, the form to allocate (decision 025) and the past decisions with each donor's
// part, formatted in the reader's language from integer USD minor units.
import { getT } from '~/platform/i18n.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatUsd } from '~/platform/money.ts';
import {
  listAllocationParts,
  listPoolAllocations,
  listPoolBalances,
  listProgrammeNames,
  listProjectGaps,
  type PoolBalance,
} from './allocation-queries.server.ts';

/** Decisions listed with their parts (newest first). */
export const DECISIONS_SHOWN = 20;

export async function buildAllocationPage({ locale, year, canAllocate }: { locale: Locale; year: number; canAllocate: boolean }) {
  const t = getT(locale, ['allocation', 'common']);
  const usd = (minor: bigint) => formatUsd(minor, locale);
  const [programmes, pools, gaps, decisions] = await Promise.all([
    listProgrammeNames(),
    listPoolBalances(),
    listProjectGaps({ year }),
    listPoolAllocations({ limit: DECISIONS_SHOWN }),
  ]);
  const programmeName = new Map(programmes.map((programme) => [programme.id, `${programme.code} — ${pickText(programme.title, locale)}`]));
  const poolLabel = (pool: PoolBalance['pool'], programmeId: string | null) =>
    pool === 'GENERAL_PURPOSE'
      ? t('pools.GENERAL_PURPOSE')
      : t(`pools.${pool}`, { programme: programmeName.get(programmeId ?? '') ?? programmeId });
  const programmePool = new Map<string, bigint>();
  for (const pool of pools) {
    if (pool.programmeId) programmePool.set(pool.programmeId, (programmePool.get(pool.programmeId) ?? 0n) + pool.usdMinor);
  }
  const generalPurpose = pools.find((pool) => pool.pool === 'GENERAL_PURPOSE')?.usdMinor ?? 0n;
  const partsOf = await Promise.all(decisions.map((decision) => listAllocationParts({ poolAllocationId: decision.id })));

  return {
    title: t('common:meta.title', { page: t('title'), site: t('common:site.name') }),
    year,
    years: [year - 2, year - 1, year, year + 1, year + 2],
    canAllocate,
    generalPurpose: usd(generalPurpose),
    pools: pools.map((pool) => ({
      choice: pool.pool === 'GENERAL_PURPOSE' ? 'GENERAL_PURPOSE' : `${pool.pool}:${pool.programmeId}`,
      label: poolLabel(pool.pool, pool.programmeId),
      balance: usd(pool.usdMinor),
      origins: formatNumber(pool.origins, locale),
    })),
    projects: gaps.map((gap) => ({
      id: gap.projectId,
      label: `${gap.code} — ${pickText(gap.title, locale)}`,
      programme: programmeName.get(gap.programmeId) ?? '',
      requirement: usd(gap.requirementUsdMinor),
      funded: usd(gap.fundedUsdMinor),
      gap: usd(gap.gapUsdMinor),
      programmePool: usd(programmePool.get(gap.programmeId) ?? 0n),
    })),
    decisions: decisions.map((decision, index) => ({
      id: decision.id,
      decidedOn: formatDate(decision.createdAt.toISOString(), locale),
      pool: poolLabel(decision.pool, decision.programmeId),
      project: decision.projectCode,
      year: decision.year,
      amount: usd(decision.usdMinor),
      by: decision.createdByName,
      note: decision.note,
      parts: (partsOf[index] ?? []).map((part) => ({
        key: part.originId,
        donor: part.donorName ?? t('decisions.regularBudget'),
        origin: part.originKind === 'PAYMENT' ? t('decisions.payment', { id: part.originId.slice(0, 8) }) : t('decisions.entry'),
        receivedOn: formatDate(part.receivedAt.toISOString(), locale),
        part: usd(part.usdMinor),
        reversed: part.reversedUsdMinor > 0n ? usd(part.reversedUsdMinor) : '—',
      })),
    })),
  };
}
