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

/**
 * Whether a POST to the unsubscribe link is a mail provider's one-click request: its body is the
 * pair List-Unsubscribe=One-Click, which RFC 8058 §3.1 says SHOULD be sent as multipart/form-data
 * and MAY be sent as application/x-www-form-urlencoded (a bare body without a type is accepted too).
 * The confirm page's own button posts an empty form: not one-click.
 */
export async function isOneClickUnsubscribe(request: Request): Promise<boolean> {
  const type = request.headers.get('content-type') ?? '';
  if (/^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) {
    try {
      return (await request.formData()).get('List-Unsubscribe') === 'One-Click';
    } catch {
      return false; // a malformed body: not a one-click request (the link still unsubscribes)
    }
  }
  return (await request.text()).trim() === 'List-Unsubscribe=One-Click';
}
