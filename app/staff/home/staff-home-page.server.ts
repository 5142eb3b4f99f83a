// The staff home page's data: the person, their roles, the cards their roles open (counted now)
// and the tools they may use.
import type { StaffRole, StaffUser } from '~/generated/prisma/client.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatUsd } from '~/platform/money.ts';
import { providersFor, type HomeCardProvider } from './home-cards.ts';

export interface StaffHomeCard {
  key: string;
  title: string;
  /** The count in words, e.g. "3 instalments are overdue". */
  countText: string;
  count: number;
  amount: string | null;
  href: string | null;
  linkText: string | null;
}

// `labelKey` when the tool's words live in its capability's namespace rather than `staff:home.tools`.
const TOOLS: readonly { key: string; href: string; roles: readonly StaffRole[]; labelKey?: string }[] = [
  { key: 'users', href: '/staff/users', roles: ['ADMIN'] },
  { key: 'audit', href: '/staff/audit', roles: ['ADMIN'] },
  { key: 'payments', href: '/staff/finance/payments', roles: ['FINANCE'] },
  { key: 'bank', href: '/staff/finance/bank', roles: ['FINANCE'] },
  { key: 'pledges', href: '/staff/finance/pledges', roles: ['FINANCE'], labelKey: 'institutional-pledges:tool' },
  { key: 'allocations', href: '/staff/finance/allocations', roles: ['FINANCE'] },
  { key: 'programmes', href: '/staff/programmes', roles: ['PROGRAMME_OFFICER'] },
  { key: 'donors', href: '/staff/donors', roles: ['FINANCE', 'RESOURCE_MOBILIZATION'] },
  { key: 'impact', href: '/staff/impact', roles: ['RESOURCE_MOBILIZATION'], labelKey: 'staff-impact:tool' },
  { key: 'appeals', href: '/staff/appeals', roles: ['RESOURCE_MOBILIZATION'], labelKey: 'staff-appeals:tool' },
  { key: 'stripeEvents', href: '/staff/finance/stripe-events', roles: ['FINANCE'] },
  { key: 'fxRates', href: '/staff/finance/fx-rates', roles: ['FINANCE'] },
  { key: 'exports', href: '/staff/finance/exports', roles: ['FINANCE'] },
];

export async function buildStaffHomePage({
  user,
  locale,
  providers,
  now = new Date(),
}: {
  user: Pick<StaffUser, 'name' | 'email' | 'roles'>;
  locale: Locale;
  providers: readonly HomeCardProvider[];
  now?: Date;
}) {
  const t = getT(locale, ['staff', 'auth', 'common', 'institutional-pledges', 'staff-impact', 'staff-appeals']);
  const visible = providersFor(user.roles, providers);
  const counts = await Promise.all(visible.map((provider) => provider.count({ now })));
  const cards: StaffHomeCard[] = visible.map((provider, index) => {
    const { count, usdMinor } = counts[index] ?? { count: 0 };
    return {
      key: provider.key,
      title: t(`staff:home.cards.${provider.key}.title`),
      countText: t(`staff:home.cards.${provider.key}.count`, { count }),
      count,
      amount: usdMinor !== undefined && usdMinor > 0n ? t('staff:home.amount', { amount: formatUsd(usdMinor, locale) }) : null,
      href: provider.href ?? null,
      linkText: provider.href ? t(`staff:home.cards.${provider.key}.link`) : null,
    };
  });
  const isAdmin = user.roles.includes('ADMIN');
  return {
    title: t('common:meta.title', { page: t('auth:staff.title'), site: t('common:site.name') }),
    name: user.name,
    email: user.email,
    roles: user.roles.map((role) => ({ role, label: t(`auth:roles.${role}`) })),
    cards,
    tools: TOOLS.filter((tool) => isAdmin || tool.roles.some((role) => user.roles.includes(role))).map((tool) => ({
      key: tool.key,
      href: tool.href,
      label: t(tool.labelKey ?? `staff:home.tools.${tool.key}`),
    })),
  };
}
