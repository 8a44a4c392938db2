import type { Message } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../shared/format';

/** Codes whose English `statusReason` carries a technical detail worth showing under the sentence. */
const WITH_DETAIL = new Set(['render_failed', 'retrying', 'send_failed']);

/**
 * Why a message is where it is, in the reader's language: the sentence for its reason code, and
 * the technical detail (a template's problem, the mail server's answer) when there is one.
 * Messages stored before reason codes existed show their English `statusReason` as it is.
 */
export function messageReason(
  t: TFunction,
  locale: string,
  message: Pick<Message, 'reason' | 'statusReason' | 'sendAfter' | 'channel' | 'attempts'>,
): { text: string; detail: string | null } | null {
  const { reason } = message;
  if (!reason) return message.statusReason ? { text: message.statusReason, detail: null } : null;
  const when = message.sendAfter ? formatDateTime(message.sendAfter, locale) : '—';
  const channel = t(`messages.channels.${message.channel}`);
  const list = (reason.passedOver ?? [])
    .map((p) => t(`messages.passedOver.${p.why}`, { channel: t(`messages.channels.${p.channel}`) }))
    .join(locale.startsWith('zh') ? '；' : '; ');
  // A rule whose only channel is the customer's preference, when that is no message channel (phone).
  const key = reason.code === 'no_channel' && list === '' ? 'no_channel_none' : reason.code;
  const text = t(`messages.reasons.${key}`, { when, channel, list, attempt: message.attempts });
  return { text, detail: WITH_DETAIL.has(reason.code) ? message.statusReason : null };
}
