import { describe, expect, it } from 'vitest';
import type { Consent } from '@ordercare/contracts';
import { afterQuietHours, decideDelivery, defaultRule, type DecisionInput } from '../rules.js';

const consent: Consent = { marketing: false, email: true, sms: true, phone: true, portal: true };
const recipient = { preferredChannel: 'email', consent, email: 'li@example.com', phone: '+8613800000000' };
// 09:00 UTC = 17:00 in Shanghai: outside the default quiet hours (21:00–08:00).
const day = new Date('2026-11-22T09:00:00Z');
const night = new Date('2026-11-22T15:30:00Z'); // 23:30 in Shanghai
const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({ rule: defaultRule('order_confirmation'), recipient, usable: { email: true, sms: true, portal: true }, now: day, ...over });

describe('decideDelivery', () => {
  it('uses the preferred channel by day, at once', () => {
    expect(decideDelivery(input())).toEqual({ kind: 'send', channel: 'email', to: 'li@example.com', sendAfter: null });
    expect(decideDelivery(input({ recipient: { ...recipient, preferredChannel: 'sms' } }))).toMatchObject({ kind: 'send', channel: 'sms', to: '+8613800000000' });
  });

  it('falls back when the customer opted out of the preferred channel', () => {
    const d = decideDelivery(input({ recipient: { ...recipient, preferredChannel: 'sms', consent: { ...consent, sms: false } } }));
    expect(d).toMatchObject({ kind: 'send', channel: 'email' });
  });

  it('falls back when the preferred channel cannot carry it (no SMS provider, no address)', () => {
    expect(decideDelivery(input({ recipient: { ...recipient, preferredChannel: 'sms' }, usable: { email: true, sms: false, portal: true } }))).toMatchObject({ channel: 'email' });
    expect(decideDelivery(input({ recipient: { ...recipient, email: null } }))).toMatchObject({ channel: 'portal', to: 'portal' });
    // "phone" is no message channel: the rule's next channel is used.
    expect(decideDelivery(input({ recipient: { ...recipient, preferredChannel: 'phone' } }))).toMatchObject({ channel: 'email' });
  });

  it('suppresses with the reasons when every channel is opted out', () => {
    const d = decideDelivery(input({ recipient: { ...recipient, consent: { ...consent, email: false, sms: false, portal: false } } }));
    expect(d).toEqual({
      kind: 'skip',
      code: 'no_channel',
      reason: 'opted out of email; opted out of portal',
      passedOver: [
        { channel: 'email', why: 'opted_out' },
        { channel: 'portal', why: 'opted_out' },
      ],
    });
    expect(decideDelivery(input({ rule: { ...defaultRule('status_update'), enabled: false } }))).toMatchObject({ kind: 'skip', code: 'rule_off' });
  });

  it('names each channel passed over and why: no address, not available, opted out', () => {
    const d = decideDelivery(
      input({
        rule: { ...defaultRule('order_confirmation'), channels: ['sms', 'email', 'portal'] },
        recipient: { ...recipient, phone: null, consent: { ...consent, portal: false } },
        usable: { email: false, sms: true, portal: true },
      }),
    );
    expect(d).toEqual({
      kind: 'skip',
      code: 'no_channel',
      reason: 'no phone number; email is not available; opted out of portal',
      passedOver: [
        { channel: 'sms', why: 'no_address' },
        { channel: 'email', why: 'unavailable' },
        { channel: 'portal', why: 'opted_out' },
      ],
    });
  });

  it('marketing needs the marketing consent', () => {
    expect(decideDelivery(input({ marketing: true }))).toMatchObject({ kind: 'skip', code: 'no_marketing_consent', reason: 'no consent to marketing messages' });
    expect(decideDelivery(input({ marketing: true, recipient: { ...recipient, consent: { ...consent, marketing: true } } }))).toMatchObject({ kind: 'send' });
  });

  it('holds email and SMS in quiet hours until they end; the portal inbox is not held', () => {
    expect(decideDelivery(input({ now: night }))).toEqual({ kind: 'send', channel: 'email', to: 'li@example.com', sendAfter: new Date('2026-11-23T00:00:00Z') }); // 08:00 Shanghai
    expect(decideDelivery(input({ now: night, recipient: { ...recipient, preferredChannel: 'portal' } }))).toMatchObject({ channel: 'portal', sendAfter: null });
    expect(decideDelivery(input({ now: night, rule: { ...defaultRule('order_confirmation'), quietHoursStart: null, quietHoursEnd: null } }))).toMatchObject({ sendAfter: null });
  });

  it('applies the delay, then quiet hours', () => {
    const d = decideDelivery(input({ rule: defaultRule('follow_up') }));
    expect(d).toMatchObject({ kind: 'send', sendAfter: new Date('2026-11-29T09:00:00Z') });
    const evening = decideDelivery(input({ rule: { ...defaultRule('status_update'), delayMinutes: 5 * 60 } })); // 22:00 Shanghai → 08:00
    expect(evening).toMatchObject({ sendAfter: new Date('2026-11-23T00:00:00Z') });
  });
});

describe('afterQuietHours', () => {
  it('handles windows that do not wrap midnight and other zones', () => {
    expect(afterQuietHours(new Date('2026-11-22T12:30:00Z'), '12:00', '14:00', 'UTC')).toEqual(new Date('2026-11-22T14:00:00Z'));
    expect(afterQuietHours(new Date('2026-11-22T14:00:00Z'), '12:00', '14:00', 'UTC')).toEqual(new Date('2026-11-22T14:00:00Z'));
    expect(afterQuietHours(new Date('2026-07-01T21:30:00Z'), '22:00', '07:00', 'Europe/London')).toEqual(new Date('2026-07-02T06:00:00Z')); // BST
  });
});
