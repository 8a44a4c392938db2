import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backorderedPerLine } from '../commands/place-order.js';
import { allocateDiscount, discountAmount, MAX_AMOUNT, priceOrder, roundHalfUp, taxOn } from '../pricing.js';

const line = (quantity: number, unitPrice: number, taxRateBp = 1300) => ({ quantity, unitPrice, taxRateBp });

describe('order pricing', () => {
  it('prices lines at quantity × unit price with tax per line, rounded half up', () => {
    const r = priceOrder([line(3, 1999), line(1, 250, 600), line(10, 5, 0)], undefined, 0);
    expect(r).toEqual({
      ok: true,
      value: {
        lines: [
          { total: 5997, discount: 0, tax: 780 }, // 779.61 → 780
          { total: 250, discount: 0, tax: 15 },
          { total: 50, discount: 0, tax: 0 },
        ],
        totals: { subtotal: 6297, discount: 0, tax: 795, shipping: 0, total: 7092 },
      },
    });
  });

  it('rounds exact halves up', () => {
    expect(taxOn(50, 1000)).toBe(5);
    expect(taxOn(5, 1000)).toBe(1); // 0.5 → 1
    expect(taxOn(15, 1000)).toBe(2); // 1.5 → 2
    expect(taxOn(14, 1000)).toBe(1); // 1.4 → 1
    expect(roundHalfUp(25n, 10n)).toBe(3n);
    expect(roundHalfUp(24n, 10n)).toBe(2n);
  });

  it('takes a fixed discount off the subtotal before tax and adds untaxed shipping', () => {
    const r = priceOrder([line(1, 10000), line(1, 30000)], { type: 'fixed', amount: 4000 }, 1500);
    expect(r.ok && r.value).toEqual({
      lines: [
        { total: 10000, discount: 1000, tax: 1170 },
        { total: 30000, discount: 3000, tax: 3510 },
      ],
      totals: { subtotal: 40000, discount: 4000, tax: 4680, shipping: 1500, total: 42180 },
    });
  });

  it('computes a percent discount rounded half up, and spreads the remainder so the shares add up', () => {
    expect(discountAmount({ type: 'percent', percent: 12.5 }, 999)).toBe(125); // 124.875
    expect(discountAmount({ type: 'percent', percent: 0.01 }, 5000)).toBe(1); // 0.5 → 1
    expect(allocateDiscount([100, 100, 100], 100)).toEqual([33, 33, 34]); // the leftover unit lands on the last line
    expect(allocateDiscount([1, 1, 1], 2)).toEqual([0, 1, 1]); // never more than a line's own total
    expect(allocateDiscount([0, 500], 100)).toEqual([0, 100]);
    expect(allocateDiscount([0, 0], 0)).toEqual([0, 0]);
  });

  it('refuses a fixed discount above the subtotal and amounts beyond the largest order', () => {
    expect(priceOrder([line(2, 100)], { type: 'fixed', amount: 201 }, 0)).toEqual({ ok: false, error: [{ path: 'discount.amount', message: 'must not exceed the subtotal (200)' }] });
    const huge = priceOrder([line(1, 5), line(1_000_000_000, 1_000_000_000_000)], undefined, 0);
    expect(huge.ok || huge.error).toEqual([{ path: 'lines.1.quantity', message: expect.stringContaining('exceeds') }]);
    expect(priceOrder([line(1, MAX_AMOUNT), line(1, 1)], undefined, 0).ok).toBe(false);
  });

  it('always adds up exactly: line totals, discount shares and taxes (property)', () => {
    const lines = fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 10_000 }), unitPrice: fc.integer({ min: 0, max: 1_000_000 }), taxRateBp: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 30 });
    const discount = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ type: 'percent' as const, percent: bp / 100 })),
      fc.double({ min: 0, max: 1, noNaN: true }).map((f) => ({ type: 'fixed' as const, amount: f })),
    );
    fc.assert(
      fc.property(lines, discount, fc.integer({ min: 0, max: 1_000_000 }), (ls, d, shipping) => {
        const subtotal = ls.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
        const spec = d?.type === 'fixed' ? { type: 'fixed' as const, amount: Math.floor(d.amount * subtotal) } : d;
        const r = priceOrder(ls, spec, shipping);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        const { lines: priced, totals } = r.value;
        expect(priced.map((p) => p.total)).toEqual(ls.map((l) => l.quantity * l.unitPrice));
        expect(totals.subtotal).toBe(subtotal);
        expect(priced.reduce((s, p) => s + p.discount, 0)).toBe(totals.discount);
        expect(totals.discount).toBe(discountAmount(spec, subtotal));
        priced.forEach((p, i) => {
          expect(p.discount).toBeGreaterThanOrEqual(0);
          expect(p.discount).toBeLessThanOrEqual(p.total);
          // proportional: within one unit of the exact share
          if (subtotal > 0) expect(Math.abs(p.discount - (totals.discount * p.total) / subtotal)).toBeLessThan(1);
          expect(p.tax).toBe(Math.floor(((p.total - p.discount) * ls[i]!.taxRateBp) / 10_000 + 0.5));
        });
        expect(priced.reduce((s, p) => s + p.tax, 0)).toBe(totals.tax);
        expect(totals.total).toBe(totals.subtotal - totals.discount + totals.tax + shipping);
      }),
      { numRuns: 500 },
    );
  });
});

describe('backordered units per line', () => {
  it('takes stock for lines of one SKU in line order and leaves untracked lines at zero', () => {
    const allocations = [
      { sku: 'A', warehouseId: 'w1', quantity: 4, backordered: 0 },
      { sku: 'A', warehouseId: 'w2', quantity: 2, backordered: 2 },
      { sku: 'B', warehouseId: 'w1', quantity: 0, backordered: 3 },
    ];
    expect(backorderedPerLine([{ sku: 'A', quantity: 5 }, { sku: 'U', quantity: 7 }, { sku: 'A', quantity: 3 }, { sku: 'B', quantity: 3 }], allocations)).toEqual([0, 0, 2, 3]);
  });
});
