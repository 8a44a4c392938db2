import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, Warehouse } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { adjustStock, convertReservationsToShipment, releaseReservations, reserveStock } from '../index.js';
import { CLERK, expectLedgerHolds, level, product, run, tableCounts, warehouse } from './fixtures.js';

let rt: TestRuntime;
let plain: Product; // no backorders
let backorder: Product;
let warehouses: Warehouse[];
beforeAll(async () => {
  rt = await startTestRuntime();
  plain = await product(rt, 'PROP-PLAIN');
  backorder = await product(rt, 'PROP-BACK', { allowBackorder: true });
  warehouses = [await warehouse(rt, 'P-W1'), await warehouse(rt, 'P-W2')];
});
afterAll(() => rt?.close());

const sku = fc.constantFrom('PROP-PLAIN', 'PROP-BACK');
const w = fc.integer({ min: 0, max: 1 });
const ref = fc.constantFrom('o1', 'o2', 'o3', 'o4');
const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('receipt' as const), sku, w, q: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('adjust' as const), sku, w, q: fc.integer({ min: -12, max: 12 }).filter((q) => q !== 0) }) },
  // Removes the available stock plus 0 to 2 units: right at the edge of what the ledger allows.
  { weight: 1, arbitrary: fc.record({ t: fc.constant('trim' as const), sku, w, beyond: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('reserve' as const), ref, lines: fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('release' as const), ref }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('ship' as const), ref, line: fc.option(fc.record({ sku, quantity: fc.integer({ min: 1, max: 6 }) }), { nil: undefined, freq: 1 }) }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

async function freeOf(p: Product) {
  let sum = 0;
  for (const wh of warehouses) sum += Math.max(0, (await level(rt, p.id, wh.id)).available);
  return sum;
}

/** Runs one step; returns whether it succeeded and whether the model says it must have. */
async function apply(s: Step): Promise<{ ok: boolean; expected?: boolean }> {
  const clock = rt.deps.clock;
  switch (s.t) {
    case 'receipt':
    case 'adjust':
    case 'trim': {
      const p = s.sku === plain.sku ? plain : backorder;
      const before = await level(rt, p.id, warehouses[s.w]!.id);
      const q = s.t === 'trim' ? -(Math.max(0, before.available) + s.beyond) || -1 : s.q;
      const next = before.onHand + q;
      const expected = next >= 0 && (p.allowBackorder || next >= before.reserved);
      const r = await run(rt, (tx) => adjustStock(tx, clock, CLERK, { sku: s.sku, warehouseId: warehouses[s.w]!.id, quantity: q, kind: s.t === 'receipt' ? 'receipt' : 'adjustment', reason: 'property' }));
      return { ok: r.ok, expected };
    }
    case 'reserve': {
      const wantPlain = s.lines.filter((l) => l.sku === plain.sku).reduce((n, l) => n + l.quantity, 0);
      const expected = wantPlain <= (await freeOf(plain));
      const r = await run(rt, (tx) => reserveStock(tx, clock, CLERK, { referenceType: 'order', referenceId: s.ref, lines: s.lines }));
      if (r.ok) {
        for (const p of [plain, backorder]) {
          const asked = s.lines.filter((l) => l.sku === p.sku).reduce((n, l) => n + l.quantity, 0);
          const got = r.value.allocations.filter((a) => a.sku === p.sku).reduce((n, a) => n + a.quantity + a.backordered, 0);
          expect(got, `reserved all of ${p.sku}`).toBe(asked);
        }
      }
      return { ok: r.ok, expected };
    }
    case 'release':
      return { ok: (await run(rt, (tx) => releaseReservations(tx, clock, CLERK, { referenceType: 'order', referenceId: s.ref, reason: 'property' }))).ok, expected: true };
    case 'ship': {
      const r = await run(rt, (tx) => convertReservationsToShipment(tx, clock, CLERK, { referenceType: 'order', referenceId: s.ref, lines: s.line && [s.line], reason: 'property' }));
      return { ok: r.ok };
    }
  }
}

describe('stock ledger (property-based)', () => {
  it('keeps on hand and reserved equal to the sums of their movements, never oversells, and refused steps write nothing', async () => {
    const back = new Set([backorder.id]);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        for (const table of ['stock_reservations', 'stock_movements', 'stock_levels'] as const) await rt.deps.db.deleteFrom(table).execute();
        for (const s of steps) {
          const before = await tableCounts(rt);
          const outcome = await apply(s);
          if (outcome.expected !== undefined) expect(outcome.ok, `${JSON.stringify(s)} succeeded`).toBe(outcome.expected);
          if (!outcome.ok) expect(await tableCounts(rt), `${JSON.stringify(s)} refused and wrote nothing`).toEqual(before);
          await expectLedgerHolds(rt, back);
        }
      }),
      { numRuns: 80 },
    );
  });
});
