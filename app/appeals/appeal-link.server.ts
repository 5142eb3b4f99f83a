// Tracked links of an appeal email (issue #15 item 5, docs/decisions/050). A block's call to action,
// in an email that names its recipient, is `/a/<token>`: a signed link whose claims are the appeal,
// the donor and the block's position — never a URL. The redirect rebuilds the target from the
// appeal's stored block, so a link can only ever lead to /give on this portal (no open redirect).
import { signedLinkUrl, signLinkToken, verifyLinkToken } from '~/platform/signed-link.server.ts';
import { isUuid } from '~/platform/uuid.ts';

export const TRACKED_LINK_PATH = '/a';

export interface TrackedLinkClaims {
  appealId: string;
  donorId: string;
  /** The block's stored position in the appeal */
  block: number;
}

/** The absolute tracked link of one block for one recipient. */
export function trackedLinkUrl({ appealId, donorId, block, appOrigin }: TrackedLinkClaims & { appOrigin?: string }): string {
  const token = signLinkToken({ purpose: 'appeal-link', claims: { appealId, donorId, block: String(block) } });
  return signedLinkUrl(TRACKED_LINK_PATH, token, appOrigin);
}

/** The claims of a tracked link, or null when it was altered, made for another purpose or malformed. */
export function readTrackedLink(token: string | undefined): TrackedLinkClaims | null {
  const claims = token ? verifyLinkToken({ purpose: 'appeal-link', token }) : null;
  if (!claims?.appealId || !claims.donorId || !claims.block) return null;
  if (!isUuid(claims.appealId) || !isUuid(claims.donorId) || !/^\d{1,2}$/.test(claims.block)) return null;
  return { appealId: claims.appealId, donorId: claims.donorId, block: Number(claims.block) };
}
