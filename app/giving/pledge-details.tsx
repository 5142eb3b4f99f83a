// The pledge as the thank-you, transfer and pledge pages show it, and its schedule table.
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankDetails } from './giving-types.ts';
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

/** The payment reference a bank transfer must quote, boxed so it stands out (and prints). */
export function TransferReference({ reference }: { reference: string }) {
  const { t } = useTranslation('give');
  return (
    <div className="give-reference-box">
      <p>{t('transfer.referenceLabel')}</p>
      <p className="give-reference-box__value" dir="ltr">
        {reference}
      </p>
      <p className="hint">{t('transfer.referenceHint')}</p>
    </div>
  );
}

/** Our bank details for a transfer; the values are codes and addresses, always left to right. */
export function BankDetailsList({ bank }: { bank: BankDetails }) {
  const { t } = useTranslation('give');
  const rows: [string, string][] = [
    [t('transfer.accountName'), bank.accountName],
    [t('transfer.iban'), bank.iban],
    [t('transfer.bic'), bank.bic],
    [t('transfer.bankName'), bank.bankName],
    [t('transfer.bankAddress'), bank.bankAddress],
  ];
  return (
    <dl className="give-bank">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd dir="ltr">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
