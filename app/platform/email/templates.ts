// What an email template is, and what the outbox needs to send one. The templates themselves are
// defined by the capabilities (props and strings) and listed in app/email-templates.server.ts;
// platform only renders through the renderer it is handed, so it never imports a capability.
import type { z } from 'zod';
import type { Locale } from '~/platform/i18n.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra message headers, e.g. RFC 8058's List-Unsubscribe and List-Unsubscribe-Post on reports and appeals. */
  headers?: Record<string, string>;
}

/** Props an outbox row keeps once sent (JSON scalars only). */
export type RedactedProps = Record<string, string | number | boolean | null>;

/**
 * Work the rows of one outbox batch share, kept for that batch only: an appeal to a hundred donors
 * reads the appeal and renders its template once, not a hundred times (docs/decisions/055).
 * Keys are the template's own; a new Map per batch.
 */
export type RenderBatchCache = Map<string, unknown>;

/** One template: its props schema (checked at render), how to render it, what to keep once sent. */
export interface TemplateDefinition<P> {
  props: z.ZodType<P>;
  render(args: { props: P; locale: Locale; cache?: RenderBatchCache }): Promise<RenderedEmail>;
  /** Props to keep once sent, when the originals hold a secret. */
  redactAfterSend?(props: P): RedactedProps;
}

/** Renders an outbox row's template; the send-email task is built with one. */
export interface EmailRenderer {
  render(args: { template: string; locale: string; props: unknown; cache?: RenderBatchCache }): Promise<RenderedEmail>;
  /** The props to store after sending, or undefined to keep them as they are. */
  redactAfterSend(args: { template: string; props: unknown }): RedactedProps | undefined;
}
