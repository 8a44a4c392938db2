import { describe, expect, it } from 'vitest';
import { trackingUrl } from '../carriers.js';
import { eventIssues } from '../commands/record-shipment-event.js';

describe('trackingUrl', () => {
  it('fills every placeholder with the URL-encoded number, and gives null without a template or number', () => {
    expect(trackingUrl('https://t.example/{trackingNumber}?again={trackingNumber}', 'A B/1')).toBe('https://t.example/A%20B%2F1?again=A%20B%2F1');
    expect(trackingUrl(null, 'X')).toBeNull();
    expect(trackingUrl('https://t.example/{trackingNumber}', null)).toBeNull();
  });
});

describe('eventIssues', () => {
  const now = new Date('2026-11-22T09:00:00Z');
  it('asks for the signer of a delivery and the reason of an exception', () => {
    expect(eventIssues({ type: 'delivered' }, false, now).map((i) => i.path)).toEqual(['body.signedBy']);
    expect(eventIssues({ type: 'exception' }, false, now).map((i) => i.path)).toEqual(['body.note']);
    expect(eventIssues({ type: 'in_transit' }, false, now)).toEqual([]);
  });
  it('keeps COD fields to COD orders and their event types, and refuses times in the future', () => {
    expect(eventIssues({ type: 'delivered', signedBy: 'A', codCollected: 5 }, true, now)).toEqual([]);
    expect(eventIssues({ type: 'in_transit', codCollected: 5 }, true, now).map((i) => i.message)).toEqual(['applies only to delivered events']);
    expect(eventIssues({ type: 'exception', note: 'refused', codFailed: true }, false, now).map((i) => i.message)).toEqual(['applies only to cash-on-delivery orders']);
    expect(eventIssues({ type: 'in_transit', at: '2026-11-22T10:00:00Z' }, false, now).map((i) => i.path)).toEqual(['body.at']);
  });
});
