import { describe, expect, it } from 'vitest';
import { previewPrice } from './pricing';

describe('order price preview', () => {
  it('prices lines, tax per line and shipping', () => {
    const p = previewPrice([{ quantity: 3, unitPrice: 1850, taxRate: 13 }, { quantity: 2, unitPrice: 4500, taxRate: 13 }], null, 2000);
    expect(p.totals).toEqual({ subtotal: 14550, discount: 0, tax: 722 + 1170, shipping: 2000, total: 14550 + 1892 + 2000 });
  });

  it('takes a percent discount off before tax, spread over the lines', () => {
    const p = previewPrice([{ quantity: 1, unitPrice: 1000, taxRate: 10 }, { quantity: 1, unitPrice: 3000, taxRate: 0 }], { type: 'percent', percent: 10 }, 0);
    expect(p.lines.map((l) => l.discount)).toEqual([100, 300]);
    expect(p.totals).toEqual({ subtotal: 4000, discount: 400, tax: 90, shipping: 0, total: 3690 });
  });

  it('spreads an uneven fixed discount so the shares add up, the remainder on the last line', () => {
    const p = previewPrice([{ quantity: 1, unitPrice: 100, taxRate: 0 }, { quantity: 1, unitPrice: 100, taxRate: 0 }, { quantity: 1, unitPrice: 100, taxRate: 0 }], { type: 'fixed', amount: 100 }, 0);
    expect(p.lines.map((l) => l.discount)).toEqual([33, 33, 34]);
    expect(p.totals.total).toBe(200);
  });

  it('flags a fixed discount above the subtotal', () => {
    expect(previewPrice([{ quantity: 1, unitPrice: 100, taxRate: 0 }], { type: 'fixed', amount: 500 }, 0).discountTooLarge).toBe(true);
  });
});
