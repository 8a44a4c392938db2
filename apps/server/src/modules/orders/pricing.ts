import type { OrderDiscount, OrderTotals } from '@ordercare/contracts';
import { err, ok, type Result } from '../../platform/result.js';

/**
 * Order pricing, pure and exact: integer minor units throughout, BigInt where a product could
 * pass 2^53. Placement uses it; an edit after placement re-prices with the same function.
 *
 * - line total = quantity × unitPrice;
 * - the order discount (fixed amount, or percent of the subtotal rounded half up) is taken off the
 *   subtotal before tax and spread over the lines in proportion to their totals (largest remainder:
 *   each line gets the floor of its share, the units left over go one each to the lines with the
 *   largest fractional parts, later lines first on ties), so the shares add up to the discount
 *   exactly and no line is discounted below zero;
 * - line tax = (total − discount share) × taxRate, rounded half up per line;
 * - order total = subtotal − discount + tax + shipping (shipping is not taxed).
 */

/** The largest amount a line or an order may reach (10^15 minor units: exact as a JS number). */
export const MAX_AMOUNT = 1_000_000_000_000_000;

export interface PricingLine {
  quantity: number;
  unitPrice: number;
  /** Basis points: 1300 = 13 %. */
  taxRateBp: number;
}

export interface PricedLine {
  total: number;
  discount: number;
  tax: number;
}

export interface Pricing {
  lines: PricedLine[];
  totals: OrderTotals;
}

/** Paths are relative to the request body (`lines.2.quantity`, `discount.amount`). */
export interface PricingIssue {
  path: string;
  message: string;
}

/** ⌊n / d + ½⌋ for n ≥ 0, d > 0: half up. */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** The discount in minor units for a subtotal: a fixed amount as it is, a percent rounded half up. */
export function discountAmount(discount: OrderDiscount | null | undefined, subtotal: number): number {
  if (!discount) return 0;
  if (discount.type === 'fixed') return discount.amount;
  const bp = BigInt(Math.round(discount.percent * 100));
  return Number(roundHalfUp(BigInt(subtotal) * bp, 10_000n));
}

/**
 * Splits `amount` (0 ≤ amount ≤ Σ totals) over lines in proportion to their totals. The shares add
 * up to `amount` exactly and each share is at most its line's total.
 */
export function allocateDiscount(totals: readonly number[], amount: number): number[] {
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

/** Tax on a net amount at a rate in basis points, rounded half up to minor units. */
export function taxOn(net: number, taxRateBp: number): number {
  return Number(roundHalfUp(BigInt(net) * BigInt(taxRateBp), 10_000n));
}

/** Prices an order; issues name the request field at fault. */
export function priceOrder(lines: readonly PricingLine[], discount: OrderDiscount | null | undefined, shipping: number): Result<Pricing, PricingIssue[]> {
  const issues: PricingIssue[] = [];
  const totals = lines.map((l, i) => {
    const total = l.quantity * l.unitPrice; // ≤ 1e9 × 1e12: compared before trusting it as exact
    if (total > MAX_AMOUNT) issues.push({ path: `lines.${i}.quantity`, message: `quantity × unitPrice exceeds the largest amount a line may have (${MAX_AMOUNT})` });
    return total;
  });
  if (issues.length) return err(issues);
  const subtotal = totals.reduce((s, t) => s + t, 0);
  if (subtotal > MAX_AMOUNT) return err([{ path: 'lines', message: `the subtotal exceeds the largest amount an order may have (${MAX_AMOUNT})` }]);
  const discountTotal = discountAmount(discount, subtotal);
  if (discountTotal > subtotal) return err([{ path: 'discount.amount', message: `must not exceed the subtotal (${subtotal})` }]);

  const shares = allocateDiscount(totals, discountTotal);
  const priced = lines.map((l, i) => ({ total: totals[i]!, discount: shares[i]!, tax: taxOn(totals[i]! - shares[i]!, l.taxRateBp) }));
  const tax = priced.reduce((s, l) => s + l.tax, 0);
  const total = subtotal - discountTotal + tax + shipping;
  if (total > MAX_AMOUNT) return err([{ path: 'lines', message: `the order total exceeds the largest amount an order may have (${MAX_AMOUNT})` }]);
  return ok({ lines: priced, totals: { subtotal, discount: discountTotal, tax, shipping, total } });
}
