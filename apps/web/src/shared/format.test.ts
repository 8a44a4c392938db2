import { describe, expect, it } from 'vitest';
import { currencyDigits, formatBytes, formatDate, formatMoney, formatSigned, fromMinorUnits, toMinorUnits } from './format';

describe('money', () => {
  it('knows the minor units of a currency', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
  });

  it('converts major units to minor units without float drift', () => {
    expect(toMinorUnits(19.99, 'CNY')).toBe(1999);
    expect(toMinorUnits(0.29, 'EUR')).toBe(29);
    expect(toMinorUnits(1.005, 'USD')).toBe(101);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(fromMinorUnits(1999, 'CNY')).toBe(19.99);
  });

  it('formats in the UI language', () => {
    expect(formatMoney(1999, 'CNY', 'zh-CN')).toBe('¥19.99');
    expect(formatMoney(123456, 'GBP', 'en')).toBe('£1,234.56');
  });
});

describe('other formats', () => {
  it('signs ledger quantities', () => {
    expect(formatSigned(50, 'en')).toBe('+50');
    expect(formatSigned(-3, 'en')).toBe('-3');
    expect(formatSigned(0, 'en')).toBe('0');
  });

  it('shows a calendar date as the same day in every time zone', () => {
    expect(formatDate('1990-04-23', 'en')).toBe('Apr 23, 1990');
  });

  it('formats file sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(2048, 'en')).toBe('2 kB');
  });
});
