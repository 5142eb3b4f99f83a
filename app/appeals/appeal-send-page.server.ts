// The send panel of /staff/appeals/:id (docs/decisions/049): what the page shows before a send
// (the segment and its donors now; "send now" or "send at"), its progress during and after, and
// the panel's form — start (or schedule) the send, cancel it — in the reader's language.
import { z } from 'zod';
import { getT } from '~/platform/i18n.server.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import type { Locale } from '~/platform/i18n.ts';
import { cancelAppealSend, startAppealSend } from './appeal-send-commands.server.ts';
import { getAppealSendProgress } from './appeal-send-queries.server.ts';
import { decideSubjectTest } from './appeal-subject-test-commands.server.ts';

/** Variant 0, 1, 2 … as the officer knows them: A, B, C … */
const variantName = (variant: number) => String.fromCharCode(65 + variant);
import { countSegmentDonors } from './appeals-segment-queries.server.ts';
import { findSegment } from './appeals-list-queries.server.ts';
import { parseSegmentDefinition } from './segment-definition.ts';

/** "2026-12-08T09:30" from a datetime-local field, read as UTC (the label says so). */
const sendFormSchema = z.discriminatedUnion('when', [
  z.object({ when: z.literal('now') }),
  z.object({ when: z.literal('at'), sendAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) }),
]);

export const formatSendTime = (iso: string, locale: Locale) => `${formatDate(iso, locale, { dateStyle: 'long', timeStyle: 'short' })} UTC`;

/** The panel's data: null fields where they do not apply. */
export async function buildSendPanel({
  appealId,
  status,
  segmentId,
  locale,
  now = new Date(),
}: {
  appealId: string;
  status: string;
  segmentId: string | null;
  locale: Locale;
  now?: Date;
}) {
  const t = getT(locale, 'staff-appeal-send');
  if (status === 'DRAFT') {
    const segment = segmentId ? await findSegment({ id: segmentId }) : null;
    const count = segment ? await countSegmentDonors({ segment: parseSegmentDefinition(segment.definition), asOf: now }) : null;
    return {
      isDraft: true,
      audience: segment ? t('audience', { name: segment.name, count: formatNumber(count ?? 0, locale) }) : null,
      progress: null,
    };
  }
  const progress = await getAppealSendProgress({ appealId, now });
  return { isDraft: false, audience: null, progress };
}

export type SendOutcome = { kind: 'send-done'; message: string } | { kind: 'send-refused'; message: string };

/** A posted send panel: `intent=send` (when=now, or when=at with sendAt), `intent=cancel`, or `intent=decide` (the A/B winner now). */
export async function handleSendForm({
  form,
  staffUserId,
  locale,
  appealId,
  now = new Date(),
}: {
  form: FormData;
  staffUserId: string;
  locale: Locale;
  appealId: string;
  now?: Date;
}): Promise<SendOutcome> {
  const t = getT(locale, 'staff-appeal-send');
  if (form.get('intent') === 'decide') {
    const decided = await decideSubjectTest({ appealId, staffUserId, now });
    if (!decided.ok) return { kind: 'send-refused', message: t(`errors.${decided.reason}`) };
    return { kind: 'send-done', message: t('test.decided', { variant: variantName(decided.winner) }) };
  }
  if (form.get('intent') === 'cancel') {
    const cancelled = await cancelAppealSend({ appealId, staffUserId, now });
    if (!cancelled.ok) return { kind: 'send-refused', message: t(`errors.${cancelled.reason}`) };
    return { kind: 'send-done', message: t('cancelled', { formatted: formatNumber(cancelled.skipped, locale) }) };
  }
  const parsed = sendFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { kind: 'send-refused', message: t('errors.when') };
  const sendAt = parsed.data.when === 'at' ? new Date(`${parsed.data.sendAt}:00Z`) : null;
  if (sendAt && (Number.isNaN(sendAt.getTime()) || sendAt.getTime() <= now.getTime()))
    return { kind: 'send-refused', message: t('errors.when') };
  const started = await startAppealSend({ appealId, staffUserId, sendAt, now });
  if (!started.ok) return { kind: 'send-refused', message: t(`errors.${started.reason}`) };
  return {
    kind: 'send-done',
    message: started.status === 'SENDING' ? t('started') : t('scheduled', { at: formatSendTime(sendAt!.toISOString(), locale) }),
  };
}
