import type { Config } from '../../../platform/config.js';
import type { Channel, OutgoingMessage, SendOutcome } from './channel.js';
import { smsSegments } from './sms-segments.js';

export const SMS_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 300;

type SmsConfig = Pick<Config, 'smsUrl' | 'smsToken' | 'smsSender' | 'smsMaxSegments'>;

/**
 * The SMS channel over a generic HTTP provider: POSTs JSON `{ to, text, reference, from? }` to
 * SMS_URL with `Idempotency-Key` (the message's stable key) and `Authorization: Bearer SMS_TOKEN`,
 * or basic auth from credentials in the URL. 2xx → sent (the provider's `id`/`messageId` when
 * the answer has one); 3xx/4xx → permanent failure; 5xx, 408, 429, timeout or network error → temporary.
 * Texts over SMS_MAX_SEGMENTS parts are refused before any call.
 */
export function createSmsChannel(config: SmsConfig): Channel {
  const target = config.smsUrl ? parseTarget(config.smsUrl) : null;
  return {
    id: 'sms',
    configured: target !== null,
    acceptsIdempotencyKey: true,
    async send(message) {
      if (!target) return { ok: false, permanent: false, error: 'SMS is not configured (SMS_URL)' };
      const length = smsSegments(message.text);
      if (length.segments > config.smsMaxSegments) {
        return { ok: false, permanent: true, error: `text needs ${length.segments} SMS segments (${length.characters} ${length.encoding} characters, ${length.perSegment} per segment); the maximum is ${config.smsMaxSegments}` };
      }
      return post(target, config, message);
    },
  };
}

interface Target {
  url: string;
  basic: string | null;
}

function parseTarget(raw: string): Target {
  const u = new URL(raw);
  const basic = u.username || u.password ? Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64') : null;
  u.username = '';
  u.password = '';
  return { url: u.toString(), basic };
}

async function post(target: Target, config: SmsConfig, message: OutgoingMessage): Promise<SendOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'idempotency-key': message.idempotencyKey,
    'user-agent': 'OrderCare-SMS/1',
  };
  if (config.smsToken) headers.authorization = `Bearer ${config.smsToken}`;
  else if (target.basic) headers.authorization = `Basic ${target.basic}`;
  const body = JSON.stringify({ to: message.to, text: message.text, reference: message.idempotencyKey, ...(config.smsSender ? { from: config.smsSender } : {}) });
  try {
    const res = await fetch(target.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(SMS_TIMEOUT_MS) });
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { ok: true, providerMessageId: providerId(text), status: 'sent' };
    const error = `SMS provider answered HTTP ${res.status}${text ? `: ${text.slice(0, EXCERPT_CHARS)}` : ''}`;
    const permanent = res.status < 500 && res.status !== 408 && res.status !== 429;
    return { ok: false, permanent, error };
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    const error = e instanceof Error ? (e.name === 'TimeoutError' ? `SMS provider timed out after ${SMS_TIMEOUT_MS / 1000} s` : `${e.message}${cause}`) : String(e);
    return { ok: false, permanent: false, error: error.slice(0, 500) };
  }
}

/** `id`, `messageId` or `message_id` (string or number) from a JSON answer; null otherwise. */
function providerId(text: string): string | null {
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      for (const key of ['id', 'messageId', 'message_id']) {
        const v = o[key];
        if (typeof v === 'string' && v) return v;
        if (typeof v === 'number') return String(v);
      }
    }
  } catch {
    // not JSON: sent, without an id
  }
  return null;
}
