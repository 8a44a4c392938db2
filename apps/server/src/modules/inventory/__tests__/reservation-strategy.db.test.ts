import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, Warehouse } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { convertReservationsToShipment, listReservations, releaseReservations, reserveStock } from '../index.js';
import { CLERK, expectLedgerHolds, level, product, receive, run, tableCounts, unwrap, warehouse } from './fixtures.js';

let rt: TestRuntime;
let a: Product;
let b: Product;
let cable: Product; // backorders allowed
let pump: Product; // not tracked
let w1: Warehouse;
let w2: Warehouse;
let w3: Warehouse;

beforeAll(async () => {
  rt = await startTestRuntime();
  [a, b, cable, pump] = [await product(rt, 'ST-A'), await product(rt, 'ST-B'), await product(rt, 'ST-CABLE', { allowBackorder: true }), await product(rt, 'ST-PUMP', { trackInventory: false })];
  [w1, w2, w3] = [await warehouse(rt, 'ST-1'), await warehouse(rt, 'ST-2'), await warehouse(rt, 'ST-3')];
});
afterAll(() => rt?.close());

const reserve = (referenceId: string, lines: { sku: string; quantity: number }[]) =>
  run(rt, (tx) => reserveStock(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId, lines }));
const release = (referenceId: string) => run(rt, (tx) => releaseReservations(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId, reason: 'cancelled' }));
const ship = (referenceId: string, lines?: { sku: string; quantity: number }[]) =>
  run(rt, (tx) => convertReservationsToShipment(tx, rt.deps.clock, CLERK, { referenceType: 'order', referenceId, lines, reason: 'shipment shp_1' }));
const where = (r: { allocations: { sku: string; warehouseId: string; quantity: number; backordered: number }[] }) =>
  r.allocations.map((x) => `${x.sku}@${[w1, w2, w3].find((w) => w.id === x.warehouseId)?.code}:${x.quantity}${x.backordered ? `+${x.backordered}` : ''}`).sort();

describe('reservation strategy', () => {
  it('takes the whole order from the one warehouse that can fill it, even when another has more of one SKU', async () => {
    await receive(rt, a.sku, w1.id, 50); // most A, but no B
    await receive(rt, a.sku, w2.id, 6);
    await receive(rt, b.sku, w2.id, 4);
    await receive(rt, b.sku, w3.id, 9);
    const r = unwrap(await reserve('single', [{ sku: a.sku, quantity: 5 }, { sku: b.sku, quantity: 3 }, { sku: pump.sku, quantity: 1 }]));
    expect(where(r)).toEqual(['ST-A@ST-2:5', 'ST-B@ST-2:3']); // the pump is made to order: no allocation
    await expectLedgerHolds(rt, new Set([cable.id]));
  });

  it('otherwise splits each SKU over the fewest warehouses, largest stock first', async () => {
    // available now: A 50/1/0, B 0/1/9
    const r = unwrap(await reserve('split', [{ sku: a.sku, quantity: 51 }, { sku: b.sku, quantity: 2 }]));
    expect(where(r)).toEqual(['ST-A@ST-1:50', 'ST-A@ST-2:1', 'ST-B@ST-3:2']);
    expect(await level(rt, a.id, w1.id)).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
  });

  it('checks lines that share a SKU together, and reserves nothing when any SKU is short', async () => {
    // available now: A 0/0/0, B 0/1/7
    const before = await tableCounts(rt);
    const r = await reserve('shared', [{ sku: b.sku, quantity: 5 }, { sku: a.sku, quantity: 1 }, { sku: b.sku, quantity: 4 }]);
    expect(r).toEqual({
      ok: false,
      error: { code: 'insufficient_stock', lines: [{ sku: b.sku, requested: 9, available: 8, lineIndexes: [0, 2] }, { sku: a.sku, requested: 1, available: 0, lineIndexes: [1] }] },
    });
    expect(await tableCounts(rt)).toEqual(before);
    expect(where(unwrap(await reserve('shared', [{ sku: b.sku, quantity: 5 }, { sku: b.sku, quantity: 3 }])))).toEqual(['ST-B@ST-2:1', 'ST-B@ST-3:7']);
  });

  it('releases a reference once: a second release is a no-op', async () => {
    const first = unwrap(await release('shared'));
    expect(first.released.map((x) => x.quantity).sort()).toEqual([1, 7]);
    const counts = await tableCounts(rt);
    expect(unwrap(await release('shared')).released).toEqual([]);
    expect(await tableCounts(rt)).toEqual(counts);
    expect(await level(rt, b.id, w3.id)).toMatchObject({ onHand: 9, reserved: 2 });
    expect((await listReservations(rt.deps.db, 'order', 'shared')).map((x) => x.status)).toEqual(['released', 'released']);
    await expectLedgerHolds(rt, new Set([cable.id]));
  });

  it('reserves what is there of a backorder product and backorders the rest, making available negative', async () => {
    await receive(rt, cable.sku, w1.id, 30);
    const r = unwrap(await reserve('cable', [{ sku: cable.sku, quantity: 100 }]));
    expect(r.allocations).toEqual([{ sku: cable.sku, warehouseId: w1.id, quantity: 30, backordered: 70 }]);
    expect(await level(rt, cable.id, w1.id)).toMatchObject({ onHand: 30, reserved: 100, available: -70 });
    // Only stock on hand can ship; the receipt then lets the backordered units go.
    expect(await ship('cable', [{ sku: cable.sku, quantity: 31 }])).toMatchObject({ ok: false, error: { code: 'insufficient_on_hand', onHand: 30 } });
    await receive(rt, cable.sku, w1.id, 80);
    expect(unwrap(await ship('cable')).shipped).toEqual([{ sku: cable.sku, warehouseId: w1.id, quantity: 100 }]);
    expect(await level(rt, cable.id, w1.id)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    await expectLedgerHolds(rt, new Set([cable.id]));
  });

  it('converts reservations to a shipment, partly and then fully, in the ledger', async () => {
    // 'single' holds A 5 and B 3 in ST-2
    expect(await ship('single', [{ sku: a.sku, quantity: 6 }])).toEqual({ ok: false, error: { code: 'not_reserved', lines: [{ sku: a.sku, requested: 6, reserved: 5 }] } });
    expect(unwrap(await ship('single', [{ sku: a.sku, quantity: 2 }, { sku: pump.sku, quantity: 1 }])).shipped).toEqual([{ sku: a.sku, warehouseId: w2.id, quantity: 2 }]);
    expect(await level(rt, a.id, w2.id)).toMatchObject({ onHand: 4, reserved: 4 }); // 5 of 'single' − 2 shipped, + 1 of 'split'
    expect(unwrap(await ship('single')).shipped.map((x) => `${x.sku}:${x.quantity}`).sort()).toEqual(['ST-A:3', 'ST-B:3']);
    expect(await level(rt, b.id, w2.id)).toMatchObject({ onHand: 1, reserved: 0 });
    const moves = await rt.deps.db.selectFrom('stock_movements').select(['kind', 'quantity', 'reserved_delta', 'reason']).where('reference_id', '=', 'single').where('kind', '=', 'shipment').orderBy('id').execute();
    expect(moves).toEqual([
      { kind: 'shipment', quantity: -2, reserved_delta: -2, reason: 'shipment shp_1' },
      { kind: 'shipment', quantity: -3, reserved_delta: -3, reason: 'shipment shp_1' },
      { kind: 'shipment', quantity: -3, reserved_delta: -3, reason: 'shipment shp_1' },
    ]);
    const rows = await listReservations(rt.deps.db, 'order', 'single');
    expect(rows.every((x) => x.status === 'converted')).toBe(true);
    expect(unwrap(await release('single')).released).toEqual([]); // nothing left to release
    await expectLedgerHolds(rt, new Set([cable.id]));
  });
});
