// The web version of an impact report, behind the signed link the email carries. The link is a
// capability (anyone holding it reads the report), so the page is never indexed, never cached,
// never leaks its address in a Referer, and needs no sign-in or cookie. The report keeps the
// email's language and direction (on its own <article>, the site's frame follows the visitor)
// unless the visitor picks another language.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { loadImpactReportWebPage } from '~/impact/impact-report-web-page.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { isLocale } from '~/platform/i18n.ts';
import { CoverageBar } from '~/ui/coverage-bar.tsx';

const statusOf = { 'not-found': 404, gone: 410 } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const requested = new URL(request.url).searchParams.get('lng')?.toLowerCase();
  const page = await loadImpactReportWebPage({
    token: params.token,
    ...(isLocale(requested) ? { chosenLocale: requested } : {}),
  });
  if (page.state === 'report') return data(page);
  const t = getT(resolveLocale(request).locale, ['impact-web', 'common']);
  const title = t('common:meta.title', { page: t(`${page.state}.title`), site: t('common:site.name') });
  return data({ state: page.state, title }, { status: statusOf[page.state] });
}

export const headers: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
});

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page?.title },
  { name: 'robots', content: 'noindex, nofollow' },
];

export default function ImpactReportWebVersion() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('impact-web');
  if (page.state !== 'report') {
    return (
      <section className="message-page" aria-labelledby="report-title">
        <h1 id="report-title">{t(`${page.state}.title`)}</h1>
        <p role="alert">{t(`${page.state}.body`)}</p>
        <p>
          <Link to="/">{t('home')}</Link>
        </p>
      </section>
    );
  }
  const { strings, given, projects, notices, preferencesUrl, unsubscribeUrl } = page.view;
  return (
    <article className="impact-report" lang={page.locale} dir={page.dir} aria-labelledby="report-title">
      <h1 id="report-title">{strings.heading}</h1>
      <p>{strings.greeting}</p>
      <p>{strings.intro}</p>
      <h2>{strings.givenHeading}</h2>
      <dl className="figures figures--wide">
        {given.map((row) => (
          <div key={row.label} className="figures__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <h2>{strings.projectsHeading}</h2>
      {projects.length === 0 ? <p>{strings.noProjects}</p> : null}
      {projects.map((project) => (
        <section key={project.url} className="impact-report__project" aria-label={project.title}>
          <h3>{project.title}</h3>
          <p className="impact-report__place">{project.place}</p>
          <p>{project.amountLine}</p>
          {project.poolLine ? <p>{project.poolLine}</p> : null}
          <p>{project.coverageLine}</p>
          <CoverageBar basisPoints={Math.round(project.coveragePercent * 100)} label={project.coverageLine} />
          {project.indicators.length > 0 ? (
            <>
              <h4>{strings.indicatorsHeading}</h4>
              <ul>
                {project.indicators.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
          {project.updates.length > 0 ? (
            <>
              <h4>{strings.updatesHeading}</h4>
              {project.updates.map((update) => (
                <div key={`${update.date}${update.title}`} className="impact-update">
                  <p>
                    <strong>{update.title}</strong> · <span className="impact-update__date">{update.date}</span>
                  </p>
                  <p>{update.excerpt}</p>
                </div>
              ))}
            </>
          ) : null}
          <p>
            <a href={project.url}>{strings.projectLink}</a>
          </p>
        </section>
      ))}
      {notices.length > 0 ? (
        <>
          <h2>{strings.noticesHeading}</h2>
          <ul>
            {notices.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      <footer className="impact-report__footer">
        <p>{strings.why}</p>
        <p>
          {preferencesUrl ? (
            <>
              <a href={preferencesUrl}>{strings.preferences}</a>
              {' · '}
            </>
          ) : null}
          <a href={unsubscribeUrl}>{strings.unsubscribe}</a>
        </p>
        <p>{strings.address}</p>
      </footer>
    </article>
  );
}
