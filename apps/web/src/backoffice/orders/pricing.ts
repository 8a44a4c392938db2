import type { OrderDiscount, OrderTotals } from '@ordercare/contracts';

/**
 * Client-side preview of the server's order pricing (apps/server/src/modules/orders/pricing.ts):
 * line total = quantity × unit price; the discount (fixed, or percent of the subtotal rounded half
 * up) comes off before tax, spread over the lines in proportion to their totals (largest
 * remainder, later lines first on ties); tax per line on (total − share), rounded half up; shipping
 * is added untaxed. The server's answer is what counts.
 */
export interface PreviewLine {
  quantity: number;
  unitPrice: number;
  /** Percent, e.g. 13. */
  taxRate: number;
}

function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

function allocate(totals: number[], amount: number): number[] {
  const sum = totals.reduce((s, t) => s + t, 0);
  if (amount === 0 || sum === 0) return totals.map(() => 0);
  const whole = BigInt(sum);
  const shares = totals.map((t, index) => {
    const exact = BigInt(amount) * BigInt(t);
    return { index, floor: exact / whole, rest: exact % whole };
  });
  let left = BigInt(amount) - shares.reduce((s, x) => s + x.floor, 0n);
  const byRest = [...shares].sort((a, b) => (a.rest === b.rest ? b.index - a.index : a.rest > b.rest ? -1 : 1));
  for (const share of byRest) {
    if (left === 0n) break;
    share.floor += 1n;
    left -= 1n;
  }
  return shares.map((s) => Number(s.floor));
}

export interface PricePreview {
  lines: { total: number; discount: number; tax: number }[];
  totals: OrderTotals;
  /** A fixed discount above the subtotal (the server refuses it). */
  discountTooLarge: boolean;
}

export function previewPrice(lines: readonly PreviewLine[], discount: OrderDiscount | null, shipping: number): PricePreview {
  const totals = lines.map((l) => Math.max(0, Math.trunc(l.quantity)) * Math.max(0, Math.trunc(l.unitPrice)));
  const subtotal = totals.reduce((s, t) => s + t, 0);
  let amount = 0;
  if (discount?.type === 'fixed') amount = discount.amount;
  else if (discount?.type === 'percent') amount = Number(roundHalfUp(BigInt(subtotal) * BigInt(Math.round(discount.percent * 100)), 10_000n));
  const discountTooLarge = amount > subtotal;
  if (discountTooLarge) amount = subtotal;
  const shares = allocate(totals, amount);
  const priced = totals.map((total, i) => {
    const bp = BigInt(Math.round((lines[i]?.taxRate ?? 0) * 100));
    return { total, discount: shares[i] ?? 0, tax: Number(roundHalfUp(BigInt(total - (shares[i] ?? 0)) * bp, 10_000n)) };
  });
  const tax = priced.reduce((s, l) => s + l.tax, 0);
  return { lines: priced, totals: { subtotal, discount: amount, tax, shipping, total: subtotal - amount + tax + shipping }, discountTooLarge };
}
