// The unsubscribe link of a marketing-type email (impact reports, appeals) and its RFC 8058
// headers: List-Unsubscribe names an https URL, List-Unsubscribe-Post asks mail providers for a
// one-click POST (app/routes/email.unsubscribe.$token.tsx). Receipts are transactional and have none.
import { signedLinkUrl, signLinkToken } from '../signed-link.server.ts';

export type UnsubscribeKind = 'IMPACT_REPORTS' | 'APPEALS';

export function unsubscribeLink({ donorId, kind, appOrigin }: { donorId: string; kind: UnsubscribeKind; appOrigin?: string }) {
  const url = signedLinkUrl('/email/unsubscribe', signLinkToken({ purpose: 'unsubscribe', claims: { donorId, kind } }), appOrigin);
  return { url, headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** The signed link to the donor's email preferences page (report frequency), for every report's footer. */
export function preferencesLink({ donorId, appOrigin }: { donorId: string; appOrigin?: string }) {
  return signedLinkUrl('/email/preferences', signLinkToken({ purpose: 'email-preferences', claims: { donorId } }), appOrigin);
}
