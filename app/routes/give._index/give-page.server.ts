// Data for the /give form: the programmes and projects a gift can go to, countries, and the form's
// starting values: sensible defaults, then ?programme= / ?project= / ?appeal= from "Give" links,
// or everything the donor had typed when they come back from a cancelled Checkout (?resume=).
// A prefill that names nothing known becomes a notice on the page, never an error.
import { getProjectPhoto } from '~/programmes/photos/photo-queries.server.ts';
import { toPhotoView } from '~/programmes/photos/photo-view.ts';
import { getZodConstraint } from '@conform-to/zod/v4';
import { getAppealForGiving, getGiveFocus, getGivingChoices, getResumeValues } from '~/giving/giving-queries.server.ts';
import { createGiveSchema, HONEYPOT_FIELD, todayIso } from '~/giving/give-schema.ts';
import { isGivingCurrency } from '~/platform/giving-currencies.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { listCountries } from '~/giving/countries.server.ts';
import { formatPercentFromBasisPoints } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { getGiftSuggestions } from '~/giving/suggested-amount-queries.server.ts';
import { listCurrencyOptions, preselectedAmount } from './currency-options.server.ts';

// Prefill parameters are short identifiers; anything else is not looked up at all.
const SLUG_OR_CODE = /^[A-Za-z0-9_-]{1,100}$/;

export interface GiveNotice {
  tone: 'info' | 'warning';
  text: string;
}

type Choices = Awaited<ReturnType<typeof getGivingChoices>>;

function baseValues(now: Date): Record<string, string> {
  return {
    currency: 'USD',
    amount: preselectedAmount('USD'),
    frequency: 'once',
    method: 'card',
    earmark: 'general',
    donorType: 'individual',
    instalmentCount: '3',
    firstDueOn: todayIso(now),
    intervalMonths: '1',
  };
}

/** Sets the earmark from ?programme= or ?project=, or says that the link named nothing we know. */
function applyEarmarkPrefill(
  params: URLSearchParams,
  choices: Choices,
  values: Record<string, string>,
  notices: GiveNotice[],
  t: ReturnType<typeof getT>,
) {
  const programme = params.get('programme');
  if (programme) {
    const found = SLUG_OR_CODE.test(programme) ? choices.programmes.find((p) => p.slug === programme) : undefined;
    if (found) Object.assign(values, { earmark: 'programme', programme: found.slug });
    else notices.push({ tone: 'warning', text: t('notices.unknownProgramme', { value: programme }) });
  }
  const project = params.get('project');
  if (project) {
    const code = project.toUpperCase();
    const found = SLUG_OR_CODE.test(project) ? choices.projects.find((p) => p.code.toUpperCase() === code) : undefined;
    if (found) Object.assign(values, { earmark: 'project', project: found.code });
    else notices.push({ tone: 'warning', text: t('notices.unknownProject', { value: project }) });
  }
}

/**
 * When the form opens for one programme or project (a "Give" link, an appeal, a resumed form),
 * the page is about it: the heading names it and its funding figures stand beside the form.
 */
type Target = { kind: 'programme' | 'project'; key: string } | null;

function focusTarget(values: Record<string, string>): Target {
  if (values.earmark === 'project' && values.project) return { kind: 'project', key: values.project };
  if (values.earmark === 'programme' && values.programme) return { kind: 'programme', key: values.programme };
  return null;
}

async function describeFocus(target: Target, locale: Locale, now: Date, t: ReturnType<typeof getT>) {
  const [found, stored] = await Promise.all([
    target ? getGiveFocus({ ...target, locale, now }) : null,
    target?.kind === 'project' ? getProjectPhoto({ code: target.key }) : null,
  ]);
  if (!found) return null;
  const usd = (minor: number) => formatMoney(BigInt(minor), 'USD', locale);
  const percent = formatPercentFromBasisPoints(found.figures.coverageBasisPoints, locale);
  const amounts = { funded: usd(found.figures.fundedUsdMinor), requirement: usd(found.figures.requirementUsdMinor) };
  return {
    heading: t('headingFor', { name: found.title }),
    title: found.title,
    href: found.href,
    coverageBasisPoints: found.figures.coverageBasisPoints,
    coverage: t('focus.coverage', { percent }),
    coverageLabel: t('focus.coverageLabel', { percent, ...amounts }),
    figures: t(found.kind === 'project' ? 'focus.figuresProject' : 'focus.figuresProgramme', amounts),
    gap: t('focus.gap', { gap: usd(found.figures.gapUsdMinor) }),
    link: t(found.kind === 'project' ? 'focus.linkProject' : 'focus.linkProgramme'),
    photo: stored ? toPhotoView(stored, locale) : null,
  };
}

/** Everything the /give page needs, in the reader's language. */
export async function buildGivePage(request: Request, locale: Locale, now = new Date()) {
  const params = new URL(request.url).searchParams;
  const t = getT(locale, 'give');
  const choices = await getGivingChoices({ locale });
  const values = baseValues(now);
  const notices: GiveNotice[] = [];

  const resumeId = params.get('resume');
  const resumed = resumeId && SLUG_OR_CODE.test(resumeId) ? await getResumeValues({ checkoutRowId: resumeId }) : null;
  if (resumeId && !resumed) notices.push({ tone: 'warning', text: t('notices.resumeUnavailable') });
  if (resumed) {
    for (const [name, value] of Object.entries(resumed)) {
      if (typeof value === 'string' && name !== HONEYPOT_FIELD) values[name] = value;
    }
    notices.push({ tone: 'info', text: t('notices.resumed') });
  } else {
    applyEarmarkPrefill(params, choices, values, notices, t);
  }

  let appeal: { slug: string; title: string } | null = null;
  const appealSlug = resumed ? values.appeal : params.get('appeal');
  if (appealSlug) {
    const found = SLUG_OR_CODE.test(appealSlug) ? await getAppealForGiving({ slug: appealSlug, locale }) : null;
    if (found) {
      appeal = { slug: found.slug, title: found.title };
      values.appeal = found.slug;
      // An appeal for a programme or project earmarks the gift there, unless the link chose already.
      const linkChose = resumed || params.has('programme') || params.has('project');
      if (!linkChose && found.projectCode && choices.projects.some((p) => p.code === found.projectCode)) {
        Object.assign(values, { earmark: 'project', project: found.projectCode });
      } else if (!linkChose && found.programmeSlug && choices.programmes.some((p) => p.slug === found.programmeSlug)) {
        Object.assign(values, { earmark: 'programme', programme: found.programmeSlug });
      }
    } else {
      delete values.appeal;
      notices.push({ tone: 'warning', text: t('notices.unknownAppeal', { value: appealSlug }) });
    }
  }

  const target = focusTarget(values);
  const [focus, suggestions] = await Promise.all([
    describeFocus(target, locale, now, t),
    target ? getGiftSuggestions({ ...target, locale }) : undefined,
  ]);
  // The programme's preselected amount, unless the donor's own amount came back with the form.
  if (!resumed && isGivingCurrency(values.currency)) {
    values.amount = preselectedAmount(values.currency, suggestions);
  }
  return {
    title: pageTitle(locale, focus ? focus.heading : t('title')),
    heading: focus ? focus.heading : t('heading'),
    focus,
    description: t('intro'),
    today: todayIso(now),
    defaultValue: values,
    // The form's HTML constraints (required, pattern…), derived here from the one schema so the
    // browser does not need Conform's schema walker to render the same attributes.
    constraint: getZodConstraint(createGiveSchema(now)),
    programmes: choices.programmes,
    projects: choices.projects,
    currencies: listCurrencyOptions(locale, t, suggestions),
    countries: listCountries(locale),
    appeal,
    notices,
  };
}

export type GivePageData = Awaited<ReturnType<typeof buildGivePage>>;
