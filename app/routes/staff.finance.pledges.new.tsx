// Finance and admins record an institutional pledge from its document (note verbale, agreement):
// the donor (chosen or created), currency, earmark, document date and reference, public name and
// the instalment schedule. The ledger pins the rate of the document's month and gives the pledge
// its CPJ reference; a double submit records once (requestKey). Works without JavaScript: the
// schedule is a fixed number of rows, and empty rows are skipped.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { readPledgeForm } from '~/finance/pledges/pledge-form.server.ts';
import { buildNewPledgePage, describeFieldErrors, describeRefusal } from '~/finance/pledges/pledge-pages.server.ts';
import { recordInstitutionalPledge } from '~/ledger/institutional-pledge-commands.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { FieldError, fieldProps } from '~/finance/pledges/field-error.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(await buildNewPledgePage({ locale: resolveLocale(request).locale, searchParams: new URL(request.url).searchParams }));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, ['FINANCE', 'ADMIN']);
  const locale = resolveLocale(request).locale;
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const read = readPledgeForm(form);
  if (!read.ok) return data({ errors: describeFieldErrors(locale, read.errors), missingRate: false, values }, { status: 400 });
  try {
    const { pledge } = await recordInstitutionalPledge({ ...read.value, staffId: staff.id });
    return redirect(`/staff/finance/pledges/${pledge.reference}?recorded=1`);
  } catch (error) {
    const refusal = describeRefusal(locale, error, 'pledge');
    if (!refusal) throw error;
    return data({ ...refusal, values }, { status: 400 });
  }
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function NewInstitutionalPledge() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === 'submitting';
  const { t } = useTranslation('institutional-pledges');
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const value = (name: string, fallback = '') => values[name] ?? fallback;
  const props = (name: string, hasHint = false) => fieldProps(name, errors, hasHint);
  return (
    <section className="staff-pledge-new" aria-labelledby="new-pledge-title">
      <p className="breadcrumb">
        <Link to="/staff/finance/pledges">{t('nav.back')}</Link>
      </p>
      <h1 id="new-pledge-title">{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      {errors.form ? (
        <p role="alert" id="pledge-form-error">
          {errors.form} {result?.missingRate ? <Link to="/staff/finance/fx-rates">{t('errors.rateLink')}</Link> : null}
        </p>
      ) : Object.keys(errors).length > 0 ? (
        <p role="alert">{t('errors.summary')}</p>
      ) : null}
      {/* The donor search is a form of its own (GET, no nesting): its field and button sit in the
          donor fieldset below and name it with the form attribute. */}
      <Form method="get" id="donor-search" />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="requestKey" value={value('requestKey', page.requestKey)} />
        <fieldset>
          <legend>{t('new.donor')}</legend>
          <p>
            <label>
              <input type="radio" name="donorMode" value="existing" defaultChecked={value('donorMode', 'existing') === 'existing'} />{' '}
              {t('new.donorExisting')}
            </label>
          </p>
          <p>
            <label htmlFor="donorQuery">{t('new.donorSearch')}</label>{' '}
            <input id="donorQuery" name="donorQuery" type="search" form="donor-search" maxLength={100} defaultValue={page.donorQuery} />{' '}
            <button type="submit" form="donor-search">
              {t('new.donorSearchButton')}
            </button>
          </p>
          {page.donorsNote ? <p id="donor-search-note">{page.donorsNote}</p> : null}
          <p>
            <label htmlFor="donorId">{t('new.donorChoose')}</label>
            <select id="donorId" name="donorId" defaultValue={value('donorId', page.chosenId ?? '')} {...props('donorId')}>
              <option value="">{t('new.donorNone')}</option>
              {page.donors.map((donor) => (
                <option key={donor.id} value={donor.id}>
                  {donor.label}
                </option>
              ))}
            </select>
            <FieldError name="donorId" errors={errors} />
          </p>
          <p>
            <label>
              <input type="radio" name="donorMode" value="new" defaultChecked={value('donorMode') === 'new'} /> {t('new.donorNew')}
            </label>
          </p>
          <p>
            <label htmlFor="donorType">{t('new.donorType')}</label>
            <select id="donorType" name="donorType" defaultValue={value('donorType', 'MEMBER_STATE')} {...props('donorType')}>
              {page.types.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
            </select>
            <FieldError name="donorType" errors={errors} />
          </p>
          <p>
            <label htmlFor="donorName">{t('new.donorName')}</label>
            <input id="donorName" name="donorName" maxLength={200} defaultValue={value('donorName')} {...props('donorName')} />
            <FieldError name="donorName" errors={errors} />
          </p>
          <p>
            <label htmlFor="donorCountry">{t('new.donorCountry')}</label>
            <input
              id="donorCountry"
              name="donorCountry"
              maxLength={2}
              size={3}
              dir="ltr"
              autoComplete="off"
              defaultValue={value('donorCountry')}
              {...props('donorCountry', true)}
            />
            <FieldError name="donorCountry" errors={errors} hint={t('new.donorCountryHint')} />
          </p>
          <p>
            <label htmlFor="donorOrganisationId">{t('new.donorOrganisationId')}</label>
            <input
              id="donorOrganisationId"
              name="donorOrganisationId"
              maxLength={100}
              dir="ltr"
              defaultValue={value('donorOrganisationId')}
              {...props('donorOrganisationId')}
            />
          </p>
          <p>
            <label htmlFor="donorEmail">{t('new.donorEmail')}</label>
            <input
              id="donorEmail"
              name="donorEmail"
              type="email"
              dir="ltr"
              maxLength={254}
              defaultValue={value('donorEmail')}
              {...props('donorEmail')}
            />
            <FieldError name="donorEmail" errors={errors} />
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('new.document')}</legend>
          <p>
            <label htmlFor="documentDate">{t('new.documentDate')}</label>
            <input
              id="documentDate"
              name="documentDate"
              type="date"
              defaultValue={value('documentDate')}
              {...props('documentDate', true)}
            />
            <FieldError name="documentDate" errors={errors} hint={t('new.documentDateHint')} />
          </p>
          <p>
            <label htmlFor="documentReference">{t('new.documentReference')}</label>
            <input
              id="documentReference"
              name="documentReference"
              maxLength={100}
              dir="ltr"
              defaultValue={value('documentReference')}
              {...props('documentReference')}
            />
            <FieldError name="documentReference" errors={errors} />
          </p>
          <p>
            <label htmlFor="currency">{t('new.currency')}</label>
            <select id="currency" name="currency" defaultValue={value('currency', 'USD')} {...props('currency')}>
              {page.currencies.map((currency) => (
                <option key={currency} value={currency}>
                  {currency}
                </option>
              ))}
            </select>
            <FieldError name="currency" errors={errors} />
          </p>
          <p>
            <label htmlFor="total">{t('new.total')}</label>
            <input id="total" name="total" inputMode="decimal" dir="ltr" maxLength={40} defaultValue={value('total')} {...props('total')} />
            <FieldError name="total" errors={errors} />
          </p>
          <p>
            <label htmlFor="method">{t('new.method')}</label>
            <select id="method" name="method" defaultValue={value('method', 'BANK_TRANSFER')}>
              <option value="BANK_TRANSFER">{t('method.BANK_TRANSFER')}</option>
              <option value="OTHER">{t('method.OTHER')}</option>
            </select>
          </p>
          <p>
            <label htmlFor="publicName">{t('new.publicName')}</label>
            <select id="publicName" name="publicName" defaultValue={value('publicName', 'named')}>
              <option value="named">{t('public.named')}</option>
              <option value="anonymous">{t('public.anonymous')}</option>
            </select>
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('new.earmark')}</legend>
          {(['GENERAL_PURPOSE', 'PROGRAMME', 'PROJECT'] as const).map((kind) => (
            <p key={kind}>
              <label>
                <input type="radio" name="earmark" value={kind} defaultChecked={value('earmark', 'GENERAL_PURPOSE') === kind} />{' '}
                {t(`earmark.${kind}`)}
              </label>
            </p>
          ))}
          <p>
            <label htmlFor="programmeId">{t('new.programme')}</label>
            <select id="programmeId" name="programmeId" defaultValue={value('programmeId')} {...props('programmeId')}>
              <option value="">{t('new.none')}</option>
              {page.programmes.map((programme) => (
                <option key={programme.id} value={programme.id}>
                  {programme.label}
                </option>
              ))}
            </select>
            <FieldError name="programmeId" errors={errors} />
          </p>
          <p>
            <label htmlFor="projectId">{t('new.project')}</label>
            <select id="projectId" name="projectId" defaultValue={value('projectId')} {...props('projectId')}>
              <option value="">{t('new.none')}</option>
              {page.projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.label}
                </option>
              ))}
            </select>
            <FieldError name="projectId" errors={errors} />
          </p>
        </fieldset>
        <fieldset aria-describedby="schedule-help">
          <legend>{t('new.schedule')}</legend>
          <p id="schedule-help">{t('new.scheduleHelp', { rows: page.rows })}</p>
          <FieldError name="schedule" errors={errors} />
          <ol className="schedule-rows">
            {Array.from({ length: page.rows }, (_, index) => index + 1).map((row) => (
              <li key={row}>
                <label htmlFor={`dueOn${row}`}>{t('new.dueOn', { row })}</label>{' '}
                <input id={`dueOn${row}`} name={`dueOn${row}`} type="date" defaultValue={value(`dueOn${row}`)} {...props(`dueOn${row}`)} />{' '}
                <label htmlFor={`amount${row}`}>{t('new.amount', { row })}</label>{' '}
                <input
                  id={`amount${row}`}
                  name={`amount${row}`}
                  inputMode="decimal"
                  dir="ltr"
                  maxLength={40}
                  defaultValue={value(`amount${row}`)}
                  {...props(`amount${row}`)}
                />
                <FieldError name={`dueOn${row}`} errors={errors} />
                <FieldError name={`amount${row}`} errors={errors} />
              </li>
            ))}
          </ol>
        </fieldset>
        <button type="submit" className="button" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('new.saving') : t('new.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
