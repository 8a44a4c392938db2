import { describe, expect, it } from 'vitest';
import { formatMoney, statusLabel } from '../commands/template-data.js';

describe('formatMoney (message templates)', () => {
  it('formats minor units with the currency’s own number of digits, in the message’s language, the same on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
      expect(formatMoney(123450, 'CNY', 'en')).toBe('CN¥1,234.50');
      expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500'); // no minor unit
      expect(formatMoney(1999, 'GBP', 'en')).toBe('£19.99');
    }
  });

  it('gives null for what is not an amount, and a plain form for a code Intl does not know', () => {
    expect(formatMoney('12', 'CNY', 'en')).toBeNull();
    expect(formatMoney(12, undefined, 'en')).toBeNull();
    expect(formatMoney(1234, 'NOT-A-CODE', 'en')).toBe('NOT-A-CODE 12.34');
  });

  it('labels statuses in both languages', () => {
    expect(statusLabel('in_production', 'en')).toBe('in production');
    expect(statusLabel('in_production', 'zh-CN')).toBe('生产中');
  });
});
