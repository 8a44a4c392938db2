import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel, OutgoingMessage, SendOutcome } from './channel.js';

export interface EmailConfig {
  /** smtp://user:pass@host:port or smtps://…; undefined: email is off (messages are kept, not sent). */
  smtpUrl: string | undefined;
  /** The From address; defaults to the user of SMTP_URL, or no-reply@<host>. */
  from?: string | undefined;
}

/** The Message-ID header of a message: stable, so a receiving system can spot a duplicate. */
export const messageIdHeader = (id: string, host = 'ordercare.local') => `<${id}@${host}>`;

/**
 * Email over SMTP with nodemailer: text and HTML parts, attachments, Message-ID from the message
 * id. SMTP has no provider-side dedupe (`acceptsIdempotencyKey` false): the messages module
 * records "sending" before the call and reports, instead of repeating, a send a crash interrupted.
 */
export function createEmailChannel(config: EmailConfig): Channel {
  const transport: Transporter | null = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  const from = config.from ?? defaultFrom(config.smtpUrl);
  return {
    id: 'email',
    configured: transport !== null,
    acceptsIdempotencyKey: false,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      if (!transport) return { ok: false, permanent: false, error: 'email is off (no SMTP_URL)' };
      try {
        const info = (await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          ...(message.html === null ? {} : { html: message.html }),
          messageId: messageIdHeader(message.id),
          headers: { 'X-OrderCare-Message-Id': message.id, 'Content-Language': message.locale },
          attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        })) as { messageId?: string };
        return { ok: true, providerMessageId: info.messageId ?? messageIdHeader(message.id), status: 'sent' };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        const text = e instanceof Error ? e.message : String(e);
        // 5xx from the server: the address or content is refused; anything else (4xx, network) may pass later.
        return { ok: false, permanent: typeof code === 'number' && code >= 500 && code < 600, error: text.slice(0, 500) };
      }
    },
  };
}

function defaultFrom(smtpUrl: string | undefined): string {
  if (!smtpUrl) return 'OrderCare <no-reply@ordercare.local>';
  try {
    const url = new URL(smtpUrl);
    const from = url.searchParams.get('from');
    if (from) return from;
    const user = decodeURIComponent(url.username);
    return user.includes('@') ? user : `OrderCare <no-reply@${url.hostname || 'ordercare.local'}>`;
  } catch {
    return 'OrderCare <no-reply@ordercare.local>';
  }
}
