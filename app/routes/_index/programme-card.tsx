import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { FormattedAmounts } from '~/funding/funding-format.ts';
import { CoverageBar } from '~/ui/coverage-bar.tsx';

/** One programme's figures for the year, already formatted by the loader in the reader's locale. */
export interface ProgrammeCardData extends FormattedAmounts {
  slug: string;
  title: string;
  coverageBasisPoints: number;
  coveragePercent: string;
  coverageLabel: string;
  /** Received for the programme, not yet allocated to projects */
  unallocated: string;
}

const sources = ['regularBudget', 'generalPurpose', 'earmarked'] as const;

export function ProgrammeCard({ programme }: { programme: ProgrammeCardData }) {
  const { t } = useTranslation('home');
  const headingId = `programme-${programme.slug}`;
  return (
    <article className="programme-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{programme.title}</h3>
      <div className="coverage">
        <CoverageBar basisPoints={programme.coverageBasisPoints} label={programme.coverageLabel} />
        <p className="coverage__text" aria-hidden="true">
          {t('programme.coverage', { percent: programme.coveragePercent })}
        </p>
      </div>
      <p className="programme-card__gap">{t('programme.gapLine', { gap: programme.gap })}</p>
      <details className="programme-card__breakdown">
        <summary>{t('programme.breakdown')}</summary>
        <dl className="figures">
          <div className="figures__row">
            <dt>{t('programme.requirement')}</dt>
            <dd>{programme.requirement}</dd>
          </div>
          <div className="figures__row">
            <dt>{t('programme.funded')}</dt>
            <dd>{programme.funded}</dd>
            <dd className="figures__split-holder">
              <ul className="figures__split" aria-label={t('programme.bySource')}>
                {sources.map((source) => (
                  <li key={source}>
                    <span className="figures__split-label">{t(`programme.${source}`)}</span>{' '}
                    <span className="figures__split-value">{programme[source]}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div className="figures__row">
            <dt>{t('programme.pledgedUnpaid')}</dt>
            <dd>{programme.pledgedUnpaid}</dd>
          </div>
          <div className="figures__row figures__row--gap">
            <dt>{t('programme.gap')}</dt>
            <dd>{programme.gap}</dd>
          </div>
          <div className="figures__row">
            <dt>{t('programme.unallocated')}</dt>
            <dd data-testid="programme-unallocated">{programme.unallocated}</dd>
          </div>
        </dl>
      </details>
      <p className="programme-card__links">
        <Link to={`/programmes/${programme.slug}`} aria-label={t('programme.detailsLabel', { title: programme.title })}>
          {t('programme.details')}
        </Link>
        <Link
          to={`/give?programme=${encodeURIComponent(programme.slug)}`}
          className="button button--small"
          aria-label={t('programme.giveLabel', { title: programme.title })}
        >
          {t('programme.give')}
        </Link>
      </p>
    </article>
  );
}
