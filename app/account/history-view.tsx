// One entry of the donor's giving history: what was given or promised, its status, the payments
// with their receipts and, for a pledge in instalments, the schedule.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { HistoryPageData } from './history-page.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

type Entry = HistoryPageData['entries'][number];

export function HistoryEntryView({ entry }: { entry: Entry }) {
  const { t } = useTranslation('account');
  const headingId = `entry-${entry.key.replace(':', '-')}`;
  const heading = `${entry.title} · ${entry.date}`;
  return (
    <article className="account-entry" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <dl className="summary-list">
        {entry.reference ? (
          <div>
            <dt>{t('history.reference')}</dt>
            <dd>
              <strong>{entry.reference}</strong>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('history.amount')}</dt>
          <dd>{entry.amount}</dd>
        </div>
        <div>
          <dt>{t('history.earmark')}</dt>
          <dd>{entry.earmark}</dd>
        </div>
        <div>
          <dt>{t('history.status')}</dt>
          <dd>
            <span className={`give-status-badge give-status-badge--${entry.status}`}>{entry.statusLabel}</span>
          </dd>
        </div>
      </dl>
      {entry.pledgeHref ? (
        <p>
          <Link to={entry.pledgeHref}>{t('history.pledgeLink', { reference: entry.reference })}</Link>
        </p>
      ) : null}
      {entry.monthlyHref ? (
        <p>
          <Link to={entry.monthlyHref}>{t('monthly:history.manage', { reference: entry.reference })}</Link>
        </p>
      ) : null}
      {entry.payments.length > 0 ? (
        <TableScroll label={t('history.paymentsCaption', { heading })}>
          <table className="data-table data-table--figures">
            <caption>{t('history.paymentsCaption', { heading })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.receivedOn')}</th>
                <th scope="col" className="numeric">
                  {t('history.amount')}
                </th>
                <th scope="col">{t('history.status')}</th>
                <th scope="col">{t('history.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {entry.payments.map((payment) => (
                <tr key={payment.id}>
                  <th scope="row">
                    {payment.receivedOn}
                    {payment.instalment ? ` (${payment.instalment})` : ''}
                  </th>
                  <td className="numeric">{payment.amount}</td>
                  <td>
                    {payment.statusLabel}
                    {payment.refunded ? ` (${t('history.refundedAmount', { amount: payment.refunded })})` : ''}
                  </td>
                  <td>
                    <Link to={payment.receiptHref}>
                      {t('history.receiptLink')}
                      <span className="visually-hidden">
                        {' '}
                        {t('history.receiptOf', { date: payment.receivedOn, amount: payment.amount })}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t('history.noPayments')}</p>
      )}
      {entry.instalments.length > 0 ? (
        <TableScroll label={t('history.scheduleCaption', { heading })}>
          <table className="data-table data-table--figures">
            <caption>{t('history.scheduleCaption', { heading })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.number')}</th>
                <th scope="col">{t('history.dueOn')}</th>
                <th scope="col" className="numeric">
                  {t('history.amount')}
                </th>
                <th scope="col" className="numeric">
                  {t('history.paid')}
                </th>
                <th scope="col">{t('history.status')}</th>
              </tr>
            </thead>
            <tbody>
              {entry.instalments.map((instalment) => (
                <tr key={instalment.number}>
                  <th scope="row">{instalment.number}</th>
                  <td>{instalment.dueOn}</td>
                  <td className="numeric">{instalment.amount}</td>
                  <td className="numeric">{instalment.paid}</td>
                  <td>
                    <span className={`give-status-badge give-status-badge--${instalment.status}`}>{instalment.statusLabel}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </article>
  );
}
