// /programmes/:slug/summary.pdf?year=YYYY (or the page's other filters) — the programme's one-page
// summary for meetings (issue #17 item 4), in the reader's language, from the same model as
// /programmes/:slug with the same filters. Its projects are the largest gaps first, whatever order
// the page was sorted in.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildProgrammePage } from '~/funding/programme-page.server.ts';
import { renderProgrammeSummaryPdf, summaryFileName } from '~/funding/summary-pdf.server.tsx';
import { getEnv } from '~/platform/env.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { directionOf } from '~/platform/i18n.ts';
import { pdfResponse } from '~/ui/pdf/pdf-blocks.server.tsx';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  const slug = params.slug ?? '';
  const asked = new URL(request.url);
  const pageUrl = new URL(`/programmes/${encodeURIComponent(slug)}`, getEnv().APP_ORIGIN);
  for (const [name, value] of asked.searchParams)
    if (name !== 'sort' && name !== 'dir' && name !== 'lng') pageUrl.searchParams.append(name, value);
  const byGap = new URL(pageUrl);
  byGap.searchParams.set('sort', 'gap');
  byGap.searchParams.set('dir', 'desc');
  const page = await buildProgrammePage(new Request(byGap), slug, locale);
  const now = new Date();
  const bytes = await renderProgrammeSummaryPdf(page, { locale, dir: directionOf(locale), pageUrl: pageUrl.toString(), now });
  return pdfResponse(bytes, summaryFileName(page.slug));
}
