// /donors/:slug/summary.pdf — a named institutional donor's one-page summary for meetings (issue #17
// item 4), in the reader's language, from the same model as /donors/:slug. Every donor without a
// page is the same 404 as there.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildDonorPage } from '~/funding/donor-page.server.ts';
import { renderDonorSummaryPdf, summaryFileName } from '~/funding/summary-pdf.server.tsx';
import { getEnv } from '~/platform/env.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { directionOf } from '~/platform/i18n.ts';
import { pdfResponse } from '~/ui/pdf/pdf-blocks.server.tsx';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  const now = new Date();
  const page = await buildDonorPage(params.slug ?? '', locale, now);
  const pageUrl = new URL(`/donors/${page.slug}`, getEnv().APP_ORIGIN).toString();
  const bytes = await renderDonorSummaryPdf(page, { locale, dir: directionOf(locale), pageUrl, now });
  return pdfResponse(bytes, summaryFileName(page.slug));
}
