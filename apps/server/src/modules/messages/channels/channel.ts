/**
 * A way to reach a customer. The messages module renders a message, then hands it to the channel
 * of its `channel` field; the channel says whether it reached the provider.
 *
 * Exactly once: `idempotencyKey` is stable per message. A channel whose provider accepts such a
 * key (`acceptsIdempotencyKey`) passes it on, so a retry after a crash cannot send twice; for the
 * others the messages module records "sending" before the call and, finding a message still
 * "sending" after a crash, reports it instead of sending again.
 */
export type ChannelId = 'email' | 'sms' | 'portal';

export interface OutgoingMessage {
  id: string;
  idempotencyKey: string;
  channel: ChannelId;
  /** Email address, phone number in E.164, or the portal account id. */
  to: string;
  locale: 'en' | 'zh-CN';
  subject: string | null;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export type SendOutcome =
  | { ok: true; providerMessageId: string | null; status: 'sent' | 'delivered' }
  /** `permanent`: retrying cannot help (bad address, rejected content); otherwise retried with backoff. */
  | { ok: false; permanent: boolean; error: string };

export interface Channel {
  id: ChannelId;
  /** False when not configured (no SMTP_URL, no SMS provider): messages are kept, not sent. */
  configured: boolean;
  acceptsIdempotencyKey: boolean;
  send(message: OutgoingMessage): Promise<SendOutcome>;
}
