// The pledge as the thank-you, transfer and pledge pages show it, and its schedule table.
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormattedPledge } from './pledge-format.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export function PledgeSummary({ pledge }: { pledge: FormattedPledge }) {
  const { t } = useTranslation('give');
  const rows: [string, ReactNode][] = [
    [
      t('pledge.reference'),
      <strong key="ref" className="give-reference">
        {pledge.reference}
      </strong>,
    ],
    [pledge.isInstalments ? t('pledge.total') : t('pledge.amount'), pledge.amount],
    [t('pledge.frequency'), pledge.frequency],
    [t('pledge.method'), pledge.method],
    [t('pledge.earmark'), pledge.earmark.href ? <Link to={pledge.earmark.href}>{pledge.earmark.label}</Link> : pledge.earmark.label],
    [t('pledge.donor'), pledge.donorName],
    [t('pledge.date'), pledge.pledgedOn],
  ];
  return (
    <dl className="summary-list give-summary">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Due dates, amounts and status of each instalment; with `canPay`, a "Pay now" form per unpaid one. */
export function InstalmentTable({ pledge, caption, canPay = false }: { pledge: FormattedPledge; caption: string; canPay?: boolean }) {
  const { t } = useTranslation('give');
  const showPay = canPay && pledge.instalments.some((instalment) => instalment.payable);
  return (
    <TableScroll label={caption}>
      <table className="data-table data-table--figures give-schedule">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schedule.number')}</th>
            <th scope="col">{t('schedule.dueOn')}</th>
            <th scope="col" className="numeric">
              {t('schedule.amount')}
            </th>
            <th scope="col" className="numeric">
              {t('schedule.paid')}
            </th>
            <th scope="col">{t('schedule.status')}</th>
            {showPay ? <th scope="col">{t('schedule.action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {pledge.instalments.map((instalment) => (
            <tr key={instalment.id}>
              <th scope="row">{instalment.number}</th>
              <td>{instalment.dueOn}</td>
              <td className="numeric">{instalment.amount}</td>
              <td className="numeric">{instalment.paid}</td>
              <td>
                <span className={`give-status-badge give-status-badge--${instalment.status}`}>{instalment.statusLabel}</span>
              </td>
              {showPay ? (
                <td>
                  {instalment.payable ? (
                    <Form method="post" className="give-pay-form">
                      <input type="hidden" name="instalmentId" value={instalment.id} />
                      <button type="submit" className="button button--small">
                        {t('schedule.payNow')}
                        <span className="visually-hidden">
                          {' '}
                          {t('schedule.payNowWhich', { number: instalment.number, dueOn: instalment.dueOn })}
                        </span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
