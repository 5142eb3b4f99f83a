import { useTranslation } from 'react-i18next';
import { BarChart, type BarDatum } from '~/ui/charts/bar-chart.tsx';
import type { ChartAxis, ChartCategory, ChartDirection } from '~/ui/charts/chart-types.ts';
import { StackedBarChart } from '~/ui/charts/stacked-bar-chart.tsx';
import { fundingSeries } from '~/funding/funding-format.ts';
import type { YearView } from '~/funding/dashboard-types.ts';
import { YearsTable } from './years-table.tsx';

interface Props {
  period: string;
  dir: ChartDirection;
  years: YearView[];
  charts: {
    byYear: { categories: ChartCategory[]; axis: ChartAxis };
    generalPurposeShare: { bars: BarDatum[]; axis: ChartAxis };
  };
}

/** Requirement, funding by source and gap over the years, then the general-purpose share. */
export function YearsSection({ period, dir, years, charts }: Props) {
  const { t } = useTranslation('funding');
  const series = fundingSeries({
    regularBudget: t('years.regularBudget'),
    generalPurpose: t('years.generalPurpose'),
    earmarked: t('years.earmarked'),
    gap: t('years.gap'),
  });
  return (
    <section className="dashboard-years" aria-labelledby="years-title">
      <h2 id="years-title">{t('years.heading')}</h2>
      <h3>{t('years.chartTitle', { period })}</h3>
      <StackedBarChart
        id="dashboard-by-year"
        orientation="vertical"
        dir={dir}
        title={t('years.chartTitle', { period })}
        description={t('years.chartDesc')}
        series={series}
        categories={charts.byYear.categories}
        axis={charts.byYear.axis}
        valueAxisLabel={t('years.usd')}
        categoryAxisLabel={t('years.year')}
        referenceName={t('years.requirement')}
        emptyText={t('years.empty')}
        table={{ summary: t('years.tableToggle'), caption: t('years.chartTitle', { period }), categoryHeader: t('years.year') }}
      />
      <YearsTable years={years} period={period} />
      <h3>{t('years.gpChartTitle', { period })}</h3>
      <BarChart
        id="dashboard-gp-share"
        tone="green"
        pattern="dots"
        dir={dir}
        title={t('years.gpChartTitle', { period })}
        description={t('years.gpChartDesc')}
        valueName={t('years.generalPurposeShare')}
        bars={charts.generalPurposeShare.bars}
        axis={charts.generalPurposeShare.axis}
        emptyText={t('years.empty')}
        table={{ summary: t('years.tableToggle'), caption: t('years.gpChartTitle', { period }), categoryHeader: t('years.year') }}
      />
    </section>
  );
}
