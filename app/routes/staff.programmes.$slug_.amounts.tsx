// The suggested amounts of one programme on /give (issue #16 item 2; decision 057), for programme
// officers: per currency up to six amounts, what each pays for in the six languages, and the one
// preselected. Saving replaces the currency's list (audited). A GET form picks the currency.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { runEdit } from '~/programmes/editor-action.server.ts';
import { saveSuggestedAmounts } from '~/programmes/suggested-amount-commands.server.ts';
import {
  countSuggestedAmounts,
  getProgrammeForAmounts,
  listSuggestedAmountsForEditing,
} from '~/programmes/suggested-amount-queries.server.ts';
import { MAX_SUGGESTED_AMOUNTS, suggestedAmountsSchema } from '~/programmes/suggested-amount-schema.ts';
import { SuggestedAmountsEditor } from '~/programmes/suggested-amounts-form.tsx';
import { givingCurrencies, isGivingCurrency } from '~/platform/giving-currencies.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText } from '~/platform/i18n.ts';
import { minorToDecimalString } from '~/platform/money.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

async function findProgramme(slug: string | undefined) {
  const programme = slug ? await getProgrammeForAmounts({ slug }) : null;
  if (!programme) throw new Response('Not Found', { status: 404 });
  return programme;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['PROGRAMME_OFFICER']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programme-editor', 'common']);
  const programme = await findProgramme(params.slug);
  const search = new URL(request.url).searchParams;
  const asked = search.get('currency');
  const currency = isGivingCurrency(asked) ? asked : 'USD';
  const [stored, counts] = await Promise.all([
    listSuggestedAmountsForEditing({ programmeId: programme.id, currency }),
    countSuggestedAmounts({ programmeId: programme.id }),
  ]);
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  const rows = Array.from({ length: MAX_SUGGESTED_AMOUNTS }, (_, index) => {
    const row = stored[index];
    return row ? { amount: minorToDecimalString(row.amountMinor, currency), text: row.text } : { amount: '', text: {} };
  });
  const preselected = stored.findIndex((row) => row.isPreselected);
  return data({
    title: t('common:meta.title', { page: t('amounts.title', { code: programme.code }), site: t('common:site.name') }),
    heading: t('amounts.heading', { name: `${programme.code} — ${pickText(programme.title, locale)}` }),
    slug: programme.slug,
    saved: search.has('saved'),
    currency,
    currencyName: `${currency} — ${names.of(currency) ?? currency}`,
    currencies: givingCurrencies.map((code) => ({
      code,
      label: t('amounts.currencyOption', { currency: `${code} — ${names.of(code) ?? code}`, count: counts.get(code) ?? 0 }),
    })),
    defaultValue: { currency, rows, preselected: preselected >= 0 ? String(preselected) : undefined },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const officer = await requireRole(request, ['PROGRAMME_OFFICER']);
  const programme = await findProgramme(params.slug);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  if (intent !== 'save-amounts') throw new Response('Bad Request', { status: 400 });
  const outcome = await runEdit(intent, formData, suggestedAmountsSchema, async (input) => {
    await saveSuggestedAmounts({ actorId: officer.id, programmeId: programme.id, input });
    return input.currency;
  });
  if (!outcome.ok) return data(outcome, { status: 400 });
  return redirect(`/staff/programmes/${programme.slug}/amounts?currency=${outcome.value}&saved=1`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function SuggestedAmountsPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('programme-editor');
  return (
    <section className="staff-programme" aria-labelledby="amounts-title">
      <p className="breadcrumb">
        <Link to={`/staff/programmes/${page.slug}`}>{t('amounts.back')}</Link>
      </p>
      <h1 id="amounts-title">{page.heading}</h1>
      {page.saved ? <p role="status">{t('amounts.saved')}</p> : null}
      <p>{t('amounts.intro')}</p>
      <Form method="get" className="filter-form">
        <div className="field">
          <label htmlFor="amounts-currency">{t('amounts.currency')}</label>
          <select id="amounts-currency" name="currency" defaultValue={page.currency}>
            {page.currencies.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('amounts.show')}
        </button>
      </Form>
      <h2>{t('amounts.listHeading', { currency: page.currencyName })}</h2>
      <p className="field__hint">{t('amounts.rules')}</p>
      {/* After a save the form starts again from the stored list (amounts as stored, e.g. 30.00). */}
      <SuggestedAmountsEditor
        key={JSON.stringify(page.defaultValue)}
        currency={page.currency}
        currencyName={page.currency}
        defaultValue={page.defaultValue}
        lastResult={actionData?.ok === false ? actionData.result : undefined}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
