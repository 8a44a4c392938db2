import type { Consent, MessageChannel, MessageEventKey, MessageRule, PassedOverChannel, RuleChannel } from '@ordercare/contracts';
import { MESSAGE_EVENT_KEYS } from '@ordercare/contracts';
import { dateTimeFormat } from '../../platform/intl.js';

/** The rule of an event as shipped; staff edit them in the back office (message_rules rows). */
export function defaultRule(event: MessageEventKey): MessageRule {
  return {
    event,
    enabled: true,
    templateKey: event,
    channels: ['preferred', 'email', 'portal'],
    quietHoursStart: '21:00',
    quietHoursEnd: '08:00',
    timeZone: 'Asia/Shanghai',
    delayMinutes: event === 'follow_up' ? 7 * 24 * 60 : 0,
    version: 0,
    updatedAt: null,
  };
}
export const DEFAULT_RULES: readonly MessageRule[] = MESSAGE_EVENT_KEYS.map(defaultRule);

export interface Recipient {
  preferredChannel: string; // email | sms | portal | phone
  consent: Consent;
  email: string | null;
  phone: string | null;
}

export interface DecisionInput {
  rule: Pick<MessageRule, 'enabled' | 'channels' | 'quietHoursStart' | 'quietHoursEnd' | 'timeZone' | 'delayMinutes'>;
  recipient: Recipient;
  /** Channels that can carry a message at all (SMS needs a configured provider). Email is kept even without SMTP. */
  usable: Record<MessageChannel, boolean>;
  /** Marketing (greetings) needs the explicit marketing consent. */
  marketing?: boolean;
  now: Date;
}

export type Decision =
  | { kind: 'send'; channel: MessageChannel; to: string; sendAfter: Date | null }
  | { kind: 'skip'; code: 'rule_off' | 'no_marketing_consent' | 'no_channel'; reason: string; passedOver?: PassedOverChannel[] };

/**
 * Which channel a journey message goes out on, and when: the rule's channels in order (`preferred`
 * is the customer's own choice), the first the customer has not opted out of and can be reached
 * on; then the rule's delay, then quiet hours (email and SMS wait until they end; the portal inbox
 * disturbs nobody). Skip, with the reasons, when no channel is allowed.
 */
export function decideDelivery(input: DecisionInput): Decision {
  const { rule, recipient, usable } = input;
  if (!rule.enabled) return { kind: 'skip', code: 'rule_off', reason: 'the rule for this event is switched off' };
  if (input.marketing && !recipient.consent.marketing) return { kind: 'skip', code: 'no_marketing_consent', reason: 'no consent to marketing messages' };
  const order = expandChannels(rule.channels, recipient.preferredChannel);
  const passedOver: PassedOverChannel[] = [];
  for (const channel of order) {
    if (!recipient.consent[channel]) {
      passedOver.push({ channel, why: 'opted_out' });
      continue;
    }
    const to = channel === 'email' ? recipient.email : channel === 'sms' ? recipient.phone : 'portal';
    if (!to) {
      passedOver.push({ channel, why: 'no_address' });
      continue;
    }
    if (!usable[channel]) {
      passedOver.push({ channel, why: 'unavailable' });
      continue;
    }
    let at = new Date(input.now.getTime() + rule.delayMinutes * 60_000);
    if (channel !== 'portal' && rule.quietHoursStart && rule.quietHoursEnd) at = afterQuietHours(at, rule.quietHoursStart, rule.quietHoursEnd, rule.timeZone);
    return { kind: 'send', channel, to, sendAfter: at.getTime() > input.now.getTime() ? at : null };
  }
  return { kind: 'skip', code: 'no_channel', reason: passedOver.length > 0 ? passedOver.map(passedOverText).join('; ') : 'no channel', passedOver };
}

function passedOverText({ channel, why }: PassedOverChannel): string {
  if (why === 'opted_out') return `opted out of ${channel}`;
  if (why === 'no_address') return `no ${channel === 'email' ? 'email address' : 'phone number'}`;
  return `${channel} is not available`;
}

export function expandChannels(channels: readonly RuleChannel[], preferred: string): MessageChannel[] {
  const out: MessageChannel[] = [];
  for (const c of channels) {
    const channel = c === 'preferred' ? (preferred === 'email' || preferred === 'sms' || preferred === 'portal' ? preferred : null) : c;
    if (channel && !out.includes(channel)) out.push(channel);
  }
  return out;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** `at`, or the end of the quiet hours it falls in (start inclusive, end exclusive; may wrap midnight). */
export function afterQuietHours(at: Date, start: string, end: string, timeZone: string): Date {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return at;
  const m = localMinutes(at, timeZone);
  const quiet = s < e ? m >= s && m < e : m >= s || m < e;
  if (!quiet) return at;
  const wait = (e - m + 24 * 60) % (24 * 60);
  const out = new Date(at.getTime() + wait * 60_000);
  out.setUTCSeconds(0, 0);
  return out;
}
