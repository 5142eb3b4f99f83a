// The staff home's cards: each says what waits for people with certain roles, with a count from
// a real query and the page where it is dealt with. A provider is data, so another capability
// (bank import, allocation …) adds its card by handing its own providers to the home page's
// loader (routes may import every capability; capabilities may not import each other).
import type { StaffRole } from '~/generated/prisma/client.ts';

export interface HomeCardCount {
  /** How many things wait (shown as text, never only as a colour). */
  count: number;
  /** A USD total behind the count, in minor units, when the card is about money. */
  usdMinor?: bigint;
}

export interface HomeCardProvider {
  /** Stable id; the card's words are `staff:home.cards.<key>` (title, count, link). */
  key: string;
  /** Who sees the card (ADMIN sees every card, as with every role check). */
  roles: readonly StaffRole[];
  /** The page where the waiting things are handled; none yet for some (the card then only counts). */
  href?: string;
  count: (input: { now: Date }) => Promise<HomeCardCount>;
}

/** The providers whose roles the person holds (ADMIN holds them all), in the given order. */
export function providersFor(roles: readonly StaffRole[], providers: readonly HomeCardProvider[]): HomeCardProvider[] {
  if (roles.includes('ADMIN')) return [...providers];
  return providers.filter((provider) => provider.roles.some((role) => roles.includes(role)));
}
