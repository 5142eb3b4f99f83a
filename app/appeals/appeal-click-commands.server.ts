// Following a tracked link (issue #15 item 5, docs/decisions/050): the signed token names the
// appeal, the donor and the block; the target is rebuilt here from the appeal's stored block (never
// read from the link); the click is appended for the recipient the appeal was sent to. A token that
// was altered, or names an appeal that no longer exists, records nothing.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { giveUrl } from './appeal-email.server.ts';
import { readTrackedLink } from './appeal-link.server.ts';

export type FollowedLink =
  | { kind: 'invalid' }
  /** `recipientId` is null when the donor is no recipient of the appeal (no click, no cookie) */
  | { kind: 'redirect'; target: string; recipientId: string | null };

/** The path a block leads to (`/give?appeal=CODE&project=…`), or the appeal's own /give link when the block is gone. */
async function targetOf(db: DbClient, appealId: string, position: number): Promise<{ target: string } | null> {
  const appeal = await db.appeal.findUnique({
    where: { id: appealId },
    select: {
      slug: true,
      blocks: {
        where: { position },
        select: { programme: { select: { slug: true } }, project: { select: { code: true } } },
      },
    },
  });
  if (!appeal) return null;
  const [block] = appeal.blocks;
  const origin = 'http://portal.invalid';
  const ref = block?.project
    ? { kind: 'project' as const, key: block.project.code }
    : block?.programme
      ? { kind: 'programme' as const, key: block.programme.slug }
      : null;
  const url = ref ? new URL(giveUrl({ code: appeal.slug, block: ref, appOrigin: origin })) : new URL('/give', origin);
  if (!ref) url.searchParams.set('appeal', appeal.slug);
  return { target: `${url.pathname}${url.search}` };
}

/**
 * Reads a tracked link and, when `record` is true (a GET under the client's rate limit), appends
 * one appeal_clicks row for its recipient. Returns where to send the reader.
 */
export async function followAppealLink({
  token,
  record,
  now = new Date(),
  db = getPrisma(),
}: {
  token: string | undefined;
  record: boolean;
  now?: Date;
  db?: DbClient;
}): Promise<FollowedLink> {
  const claims = readTrackedLink(token);
  if (!claims) return { kind: 'invalid' };
  const [found, recipient] = await Promise.all([
    targetOf(db, claims.appealId, claims.block),
    db.appealRecipient.findUnique({
      where: { appealId_donorId: { appealId: claims.appealId, donorId: claims.donorId } },
      select: { id: true },
    }),
  ]);
  if (!found) return { kind: 'invalid' };
  if (recipient && record) {
    await db.appealClick.create({ data: { appealId: claims.appealId, recipientId: recipient.id, target: found.target, clickedAt: now } });
  }
  return { kind: 'redirect', target: found.target, recipientId: recipient?.id ?? null };
}
