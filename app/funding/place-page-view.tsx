// The body of a country page and a region page (the two routes differ only in their address):
// where the place sits, its figures by source, the chart with its table, its projects and donors,
// downloads, and how to read the figures.
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StackedBarChart } from '~/ui/charts/stacked-bar-chart.tsx';
import { FilterSelect } from '~/ui/filter-select.tsx';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { HowToRead } from './figures-notes.tsx';
import { FiguresList } from './figures-list.tsx';
import { IgnoredFiltersNotice } from './ignored-filters-notice.tsx';
import type { PlacePage } from './place-page.server.ts';

type PlaceLink = { code: string; name: string; href: string };

function PlaceLinks({ label, places }: { label: string; places: PlaceLink[] }) {
  if (places.length === 0) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <ul className="inline-list">
          {places.map((place) => (
            <li key={place.code}>
              <Link to={place.href}>{place.name}</Link>
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

function ProjectsTable({ page }: { page: PlacePage }) {
  const { t } = useTranslation('place-pages');
  const caption = t('projects.caption', { name: page.heading, period: page.period });
  if (page.projects.length === 0) return <p>{t('projects.none')}</p>;
  const columns = ['requirement', 'funded', 'pledgedUnpaid', 'gap'] as const;
  return (
    <TableScroll label={caption}>
      <table className="data-table data-table--figures" id="place-projects">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projects.project')}</th>
            <th scope="col">{t('projects.programme')}</th>
            <th scope="col">{t('projects.place')}</th>
            <th scope="col">{t('projects.status')}</th>
            {columns.map((column) => (
              <th scope="col" className="numeric" key={column}>
                {t(`programmes:figures.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.projects.map((project) => (
            <tr key={project.code}>
              <th scope="row">
                <Link to={`/projects/${project.code}`}>
                  {project.code} — {project.title}
                </Link>
              </th>
              <td>
                <Link to={`/programmes/${project.programme.slug}`}>{project.programme.title}</Link>
              </td>
              <td>{project.place.code === page.code ? project.place.name : <Link to={project.place.href}>{project.place.name}</Link>}</td>
              <td>{project.status}</td>
              {columns.map((column) => (
                <td className="numeric" key={column}>
                  {project[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function SourcesAndDonors({ page }: { page: PlacePage }) {
  const { t } = useTranslation('place-pages');
  const sourcesCaption = t('sources.caption', { name: page.heading, period: page.period });
  const donorsCaption = t('donors.caption', { name: page.heading, period: page.period });
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">{t('sources.heading', { period: page.period })}</h2>
      <p>{t('sources.intro')}</p>
      <TableScroll label={sourcesCaption}>
        <table className="data-table data-table--figures" id="place-sources">
          <caption>{sourcesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sources.source')}</th>
              <th scope="col" className="numeric">
                {t('sources.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.sources.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{row.amount}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('sources.total')}</th>
              <td className="numeric">{page.figures.funded}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <h3 id="donors-title">{t('donors.heading')}</h3>
      {page.donors.length === 0 ? (
        <p>{t('donors.none')}</p>
      ) : (
        <TableScroll label={donorsCaption}>
          <table className="data-table data-table--figures" id="place-donors">
            <caption>{donorsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('donors.donor')}</th>
                <th scope="col">{t('donors.type')}</th>
                <th scope="col" className="numeric">
                  {t('donors.allocated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.donors.map((donor) => (
                <tr key={donor.key}>
                  <th scope="row">{donor.href ? <Link to={donor.href}>{donor.name}</Link> : donor.name}</th>
                  <td>{donor.type}</td>
                  <td className="numeric">{donor.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="hint">{t('donors.groupsNote')}</p>
    </section>
  );
}

export function PlacePageView({ page }: { page: PlacePage }) {
  const { t } = useTranslation('place-pages');
  const downloads = [
    ['projects', page.downloads.projects],
    ['contributions', page.downloads.contributions],
  ] as const;
  return (
    <div className="place-page">
      <p className="breadcrumb">
        <Link to={page.fundingHref}>{t('back')}</Link>
      </p>
      <p className="project-page__code">{page.kindLabel}</p>
      <h1>{page.heading}</h1>
      <p className="page-intro">{t(`${page.kind}.intro`, { name: page.heading })}</p>

      <dl className="summary-list">
        <PlaceLinks label={t('within')} places={page.within} />
        <PlaceLinks label={t('insideRegions')} places={page.inside.regions} />
        <PlaceLinks label={t('insideCountries')} places={page.inside.countries} />
      </dl>

      <IgnoredFiltersNotice ignored={page.ignored} />

      <Form method="get" className="filter-form filter-form--inline" preventScrollReset aria-label={t('years.label')}>
        <FilterSelect name="from" label={t('funding:filters.from')} value={page.form.from} options={page.form.years} />
        <FilterSelect name="to" label={t('funding:filters.to')} value={page.form.to} options={page.form.years} />
        <button type="submit" className="button button--small">
          {t('years.submit')}
        </button>
      </Form>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('figuresHeading', { period: page.period })}</h2>
        <FiguresList figures={page.figures} />
      </section>

      <section aria-labelledby="chart-title">
        <h2 id="chart-title">{page.chart.title}</h2>
        <StackedBarChart id="place-by-year" orientation="vertical" dir={page.dir} {...page.chart} />
      </section>

      <section aria-labelledby="projects-title">
        <h2 id="projects-title">{t('projects.heading', { period: page.period })}</h2>
        <ProjectsTable page={page} />
      </section>

      <SourcesAndDonors page={page} />

      <section aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t('downloads.heading')}</h2>
        <ul>
          {downloads.map(([table, links]) => {
            const name = t(`funding:downloads.tables.${table}`);
            return (
              <li key={table}>
                <a href={links.csv} download>
                  {t('funding:downloads.csv', { table: name })}
                </a>
                {' · '}
                <a href={links.json}>{t('funding:downloads.json', { table: name })}</a>
                {' · '}
                <a href={links.xlsx} download>
                  {t('funding:downloads.xlsx', { table: name })}
                </a>
              </li>
            );
          })}
        </ul>
      </section>

      <HowToRead lastChanged={page.lastChanged} extra={[t('howToRead.place'), t('howToRead.donors')]} />
    </div>
  );
}
