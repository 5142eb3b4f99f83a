// Where the trust pages live (app/trust, routes about.*): how the money is used, the privacy
// notice and the contact page. In platform because the site footer (ui) and the receipts
// (giving) link to them and may not import the trust capability.

export const TRUST_PATHS = {
  money: '/about/money',
  privacy: '/about/privacy',
  contact: '/about/contact',
} as const;

export type TrustPage = keyof typeof TRUST_PATHS;

export const TRUST_PAGES = Object.keys(TRUST_PATHS) as TrustPage[];

/** The pages' absolute addresses, for emails. */
export function trustUrls(appOrigin: string): Record<TrustPage, string> {
  return {
    money: new URL(TRUST_PATHS.money, appOrigin).toString(),
    privacy: new URL(TRUST_PATHS.privacy, appOrigin).toString(),
    contact: new URL(TRUST_PATHS.contact, appOrigin).toString(),
  };
}
