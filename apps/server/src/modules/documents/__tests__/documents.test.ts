import { describe, expect, it } from 'vitest';
import { addDays, paymentSchedule, taxBreakdown } from '../documents.js';
import { countryName, formatDate, formatMoney, MESSAGES, translator } from '../documents.i18n.js';

describe('payment schedule', () => {
  it('dates payment by the terms, from the issue date', () => {
    expect(paymentSchedule({ method: 'prepaid' }, '2026-11-22T10:00:00.000Z', 1000)).toEqual([{ dueDate: '2026-11-22', amount: 1000 }]);
    expect(paymentSchedule({ method: 'net' }, '2026-11-22', 1000)).toEqual([{ dueDate: '2026-12-22', amount: 1000 }]);
    expect(paymentSchedule({ method: 'net', netDays: 60 }, '2026-12-15', 1000)).toEqual([{ dueDate: '2027-02-13', amount: 1000 }]);
    expect(paymentSchedule({ method: 'cod' }, '2026-11-22', 1000)).toEqual([]);
  });

  it('splits instalments evenly every 30 days, the remainder in the first, and keeps an explicit schedule', () => {
    expect(paymentSchedule({ method: 'installments', installments: 3 }, '2026-11-22', 1000)).toEqual([
      { dueDate: '2026-11-22', amount: 334 },
      { dueDate: '2026-12-22', amount: 333 },
      { dueDate: '2027-01-21', amount: 333 },
    ]);
    expect(paymentSchedule({ method: 'installments', netDays: 10 }, '2026-11-22', 1001).map((i) => i.dueDate)).toEqual(['2026-12-02', '2027-01-01']);
    const schedule = [{ dueDate: '2027-01-01', amount: 1000 }];
    expect(paymentSchedule({ method: 'installments', installments: 4, schedule }, '2026-11-22', 1000)).toBe(schedule);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('tax breakdown', () => {
  it('groups net amounts and tax by rate, highest first, computing tax only where the line has none', () => {
    expect(taxBreakdown([{ taxRate: 9, total: 1000, taxAmount: 90 }, { taxRate: 13, total: 2000 }, { taxRate: 9, total: 500, taxAmount: 45 }, { taxRate: 0, total: 300 }])).toEqual([
      { rate: 13, base: 2000, tax: 260 },
      { rate: 9, base: 1500, tax: 135 },
      { rate: 0, base: 300, tax: 0 },
    ]);
  });
});

describe('formatting and messages', () => {
  it('formats money by the currency minor units and the language, dates and countries by the language', () => {
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(123450, 'CNY', 'en')).toBe('CN¥1,234.50');
    expect(formatMoney(1999, 'GBP', 'en')).toBe('£19.99');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('JP¥1,500');
    expect(formatDate('2026-11-22', 'en')).toBe('22 Nov 2026');
    expect(formatDate('2026-11-22', 'zh-CN')).toBe('2026年11月22日');
    expect(countryName('GB', 'zh-CN')).toBe('英国');
  });

  it('has every message in both languages and fills placeholders', () => {
    expect(Object.keys(MESSAGES['zh-CN']).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    expect(translator('zh-CN')('page', { page: 2, pages: 5 })).toBe('第 2 页，共 5 页');
    expect(translator('en')('terms.net', { days: 45 })).toBe('Net 45 days');
  });
});
