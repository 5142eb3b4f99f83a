// Finance and admins: import a bank statement (camt.053 or CSV), see what it added and matched,
// and review the credits still open: match one to an instalment, split it over two, or set it
// aside as not a contribution (app/finance/bank, docs/decisions/026).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { formatNumber } from '~/platform/format.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { buildBankPage } from '~/finance/bank/bank-page.server.ts';
import { handleBankAction } from '~/finance/bank/bank-page-actions.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(await buildBankPage(resolveLocale(request).locale, new URL(request.url).searchParams));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, ['FINANCE', 'ADMIN']);
  const outcome = await handleBankAction({ formData: await request.formData(), staffId: staff.id, locale: resolveLocale(request).locale });
  if ('redirect' in outcome) return redirect(`/staff/finance/bank${outcome.redirect}`);
  return data(outcome, { status: 400 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FinanceBank() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const importing = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'import';
  const upload = importing ? navigation.formData?.get('file') : null;
  const { t, i18n } = useTranslation('bank');
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A matched or set-aside credit leaves the list with the button that had focus: the keyboard
    // resumes at the list, not at the top of the page (focus is only moved when it was lost).
    const lost = !document.activeElement || document.activeElement === document.body;
    if (page.done && lost) reviewHeading.current?.focus();
  }, [page]);
  return (
    <section className="finance-bank" aria-labelledby="bank-title">
      <h1 id="bank-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {failure && 'error' in failure ? <p role="alert">{failure.error}</p> : null}
      <div role="status" aria-live="polite">
        {importing ? (
          <p>
            {upload instanceof File
              ? t('import.importingFile', { name: upload.name, size: formatFileSize(upload.size, i18n.language) })
              : t('import.importing')}{' '}
            <progress aria-label={t('import.progress')} />
          </p>
        ) : null}
        {!importing && page.result ? <p>{page.result}</p> : null}
        {!importing && page.done ? <p>{page.done}</p> : null}
      </div>
      <h2>{t('import.heading')}</h2>
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="import" />
        <label>
          {t('import.file')} <input type="file" name="file" required accept=".xml,.csv,.txt,application/xml,text/csv" />
        </label>
        <label>
          {t('import.account')}{' '}
          <select name="account" defaultValue="">
            <option value="">{t('import.accountFromFile')}</option>
            {page.accounts.map((account) => (
              <option key={account.iban} value={account.iban}>
                {account.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={importing}>
          {importing ? t('import.importing') : t('import.submit')}
        </button>
      </Form>
      <h2 ref={reviewHeading} tabIndex={-1}>
        {t('review.heading')}
      </h2>
      {page.entries.length === 0 ? (
        <p>{t('review.empty')}</p>
      ) : (
        <TableScroll label={page.caption}>
          <table className="data-table">
            <caption>{page.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.columns.booked')}</th>
                <th scope="col">{t('review.columns.debtor')}</th>
                <th scope="col">{t('review.columns.remittance')}</th>
                <th scope="col" className="numeric">
                  {t('review.columns.open')}
                </th>
                <th scope="col">{t('review.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.bookedOn}</td>
                  <th scope="row">{entry.debtor}</th>
                  <td>{entry.remittance}</td>
                  <td className="numeric">
                    {entry.open}
                    <small>
                      {' '}
                      {t(entry.isPartlyMatched ? 'review.ofPartly' : 'review.of', { received: entry.received })}
                      {entry.charge ? ` ${t('review.charge', { charge: entry.charge })}` : ''}
                    </small>
                  </td>
                  <td>
                    <EntryActions entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <RecentMatches matches={page.recentMatches} />
      <h2>{t('account.heading')}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="account" />
        <label>
          {t('account.iban')} <input name="iban" required autoComplete="off" />
        </label>
        <label>
          {t('account.currency')} <input name="currency" required maxLength={3} size={4} />
        </label>
        <label>
          {t('account.name')} <input name="name" required />
        </label>
        <label>
          {t('account.mapping')} <textarea name="csvMapping" rows={3} placeholder={t('account.mappingHint')} />
        </label>
        <button type="submit" className="button button--secondary">
          {t('account.submit')}
        </button>
      </Form>
    </section>
  );
}

/** A file's size as a reader says it: "840 kB", "12.5 MB" (decimal units, like the browsers' own dialogs). */
function formatFileSize(bytes: number, locale: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes / 1_000, 0.1), 'kilobyte'];
  return formatNumber(value, locale, { style: 'unit', unit, maximumFractionDigits: 1 });
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>['entries'][number];

function EntryActions({ entry }: { entry: Entry }) {
  const { t } = useTranslation('bank');
  const listId = `suggestions-${entry.id}`;
  return (
    <>
      <Form method="post" aria-label={t('match.label', { debtor: entry.debtor })}>
        <input type="hidden" name="intent" value="match" />
        <input type="hidden" name="entryId" value={entry.id} />
        <datalist id={listId}>
          {entry.suggestions.map((suggestion) => (
            <option key={suggestion.value} value={suggestion.value}>
              {suggestion.label}
            </option>
          ))}
        </datalist>
        {entry.suggestions.length ? <p>{t('match.suggested', { list: entry.suggestions.map((s) => s.label).join('; ') })}</p> : null}
        <label>
          {t('match.instalment')} <input name="instalment1" list={listId} required defaultValue={entry.suggestions[0]?.value ?? ''} />
        </label>
        <label>
          {t('match.amount', { currency: entry.currency })}{' '}
          <input name="amount1" required inputMode="decimal" defaultValue={entry.openDecimal} size={10} />
        </label>
        <details>
          <summary>{t('match.split')}</summary>
          <label>
            {t('match.instalment2')} <input name="instalment2" list={listId} />
          </label>
          <label>
            {t('match.amount2', { currency: entry.currency })} <input name="amount2" inputMode="decimal" size={10} />
          </label>
        </details>
        <button type="submit" className="button">
          {t('match.submit')}
        </button>
      </Form>
      <Form method="post" aria-label={t('notContribution.label', { debtor: entry.debtor })}>
        <input type="hidden" name="intent" value="not-contribution" />
        <input type="hidden" name="entryId" value={entry.id} />
        <label>
          {t('notContribution.reason')} <input name="reason" required minLength={3} />
        </label>
        <button type="submit" className="button button--secondary">
          {t('notContribution.submit')}
        </button>
      </Form>
      <Form method="post" aria-label={t('returned.label', { debtor: entry.debtor })}>
        <input type="hidden" name="intent" value="returned" />
        <input type="hidden" name="entryId" value={entry.id} />
        <label>
          {t('returned.returnedOn')} <input name="returnedOn" type="date" required />
        </label>
        <label>
          {t('returned.bankReference')} <input name="bankReference" required maxLength={140} />
        </label>
        <button type="submit" className="button button--secondary">
          {t('returned.submit', { amount: entry.open })}
        </button>
      </Form>
    </>
  );
}

type RecentMatch = ReturnType<typeof useLoaderData<typeof loader>>['recentMatches'][number];

/** The latest payment matches, each undoable (a wrong match reopens its amount on the credit). */
function RecentMatches({ matches }: { matches: RecentMatch[] }) {
  const { t } = useTranslation('bank');
  if (matches.length === 0) return null;
  return (
    <>
      <h2 id="recent-matches">{t('recent.heading')}</h2>
      <p>{t('recent.intro')}</p>
      <TableScroll label={t('recent.heading')}>
        <table className="data-table" aria-labelledby="recent-matches">
          <thead>
            <tr>
              <th scope="col">{t('review.columns.booked')}</th>
              <th scope="col">{t('review.columns.debtor')}</th>
              <th scope="col">{t('recent.instalment')}</th>
              <th scope="col" className="numeric">
                {t('recent.amount')}
              </th>
              <th scope="col">{t('review.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {matches.map((match) => (
              <tr key={match.id}>
                <td>{match.bookedOn}</td>
                <th scope="row">{match.debtor}</th>
                <td>
                  {match.instalment} ({match.donor}) <small>{match.how}</small>
                </td>
                <td className="numeric">{match.amount}</td>
                <td>
                  {match.isUndone ? (
                    t('recent.undone')
                  ) : (
                    <Form method="post" aria-label={t('recent.label', { debtor: match.debtor, instalment: match.instalment })}>
                      <input type="hidden" name="intent" value="undo-match" />
                      <input type="hidden" name="matchId" value={match.id} />
                      <label>
                        {t('recent.reason')} <input name="reason" required minLength={3} />
                      </label>
                      <button type="submit" className="button button--secondary">
                        {t('recent.submit')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
