import { describe, expect, it } from 'vitest';
import { planAllocation, type Demand, type WarehouseStock } from '../allocation.js';

const wh = (code: string, stock: Record<string, number>): WarehouseStock => ({ warehouseId: `whs_${code}`, code, available: new Map(Object.entries(stock)) });
const demand = (productId: string, quantity: number, allowBackorder = false): Demand => ({ productId, sku: productId.toUpperCase(), quantity, allowBackorder, lineIndexes: [0] });

describe('planAllocation', () => {
  it('takes the whole request from one warehouse when one can fill it, preferring the most stock, then the code', () => {
    const plan = planAllocation([demand('a', 5), demand('b', 2)], [wh('A1', { a: 9, b: 1 }), wh('B1', { a: 5, b: 2 }), wh('C1', { a: 6, b: 3 }), wh('C0', { a: 6, b: 3 })]);
    expect(plan).toEqual({ ok: true, value: [
      { productId: 'a', sku: 'A', warehouseId: 'whs_C0', quantity: 5, backordered: 0 },
      { productId: 'b', sku: 'B', warehouseId: 'whs_C0', quantity: 2, backordered: 0 },
    ] });
  });

  it('splits per SKU over the fewest warehouses, largest first, when no single warehouse can fill everything', () => {
    const plan = planAllocation([demand('a', 10), demand('b', 1)], [wh('X', { a: 3, b: 1 }), wh('Y', { a: 8 }), wh('Z', { a: 4 })]);
    expect(plan.ok && plan.value.map((a) => `${a.productId}@${a.warehouseId}:${a.quantity}`)).toEqual(['a@whs_Y:8', 'a@whs_Z:2', 'b@whs_X:1']);
  });

  it('fails with every short SKU and what is available in total', () => {
    const plan = planAllocation([demand('a', 10), demand('b', 1), demand('c', 3)], [wh('X', { a: 3, b: 1, c: -2 }), wh('Y', { a: 4 })]);
    expect(plan).toEqual({ ok: false, error: [
      { sku: 'A', requested: 10, available: 7, lineIndexes: [0] },
      { sku: 'C', requested: 3, available: 0, lineIndexes: [0] },
    ] });
  });

  it('reserves what is available of a backorder product and backorders the rest where it took the most', () => {
    const plan = planAllocation([demand('a', 10, true)], [wh('X', { a: 3 }), wh('Y', { a: 4 })]);
    expect(plan.ok && plan.value).toEqual([
      { productId: 'a', sku: 'A', warehouseId: 'whs_Y', quantity: 4, backordered: 3 },
      { productId: 'a', sku: 'A', warehouseId: 'whs_X', quantity: 3, backordered: 0 },
    ]);
  });

  it('puts a backorder with no stock anywhere in a warehouse the request already uses', () => {
    const plan = planAllocation([demand('a', 2), demand('b', 5, true)], [wh('X', { b: -4 }), wh('Y', { a: 2 })]);
    expect(plan.ok && plan.value.map((a) => `${a.productId}@${a.warehouseId}:${a.quantity}+${a.backordered}`)).toEqual(['a@whs_Y:2+0', 'b@whs_Y:0+5']);
  });

  it('cannot backorder without any warehouse, and plans nothing for no demand', () => {
    expect(planAllocation([demand('a', 1, true)], []).ok).toBe(false);
    expect(planAllocation([], [])).toEqual({ ok: true, value: [] });
  });
});
