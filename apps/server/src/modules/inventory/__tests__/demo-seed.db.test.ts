import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, StockLevel } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { seedDemoCatalog } from '../index.js';
import { expectLedgerHolds } from './fixtures.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('demo catalog and stock', () => {
  it('seeds an empty catalog once: retail and industrial products, three warehouses, stock and a non-empty low-stock list', async () => {
    expect(await seedDemoCatalog(rt.deps)).toBe(true);
    expect(await seedDemoCatalog(rt.deps)).toBe(false);
    const headers = await rt.asRole('sales');
    const products = (await rt.app.inject({ method: 'GET', url: '/api/v1/products?limit=200', headers })).json<{ data: Product[] }>().data;
    expect(products).toHaveLength(50);
    expect(products.find((p) => p.sku === '85123A')).toMatchObject({ name: 'White Hanging Heart T-light Holder', unitPrice: 295, currency: 'GBP', taxRate: 20 });
    expect(products.find((p) => p.sku === 'BRG-6204-2RS')).toMatchObject({ nameZh: '深沟球轴承 6204-2RS', currency: 'CNY', taxRate: 13 });
    expect(products.filter((p) => !p.trackInventory).map((p) => p.sku)).toEqual(['PMP-CDL4-10']);

    const warehouses = (await rt.app.inject({ method: 'GET', url: '/api/v1/warehouses', headers })).json<{ data: { code: string }[] }>().data;
    expect(warehouses.map((w) => w.code)).toEqual(['GZ-01', 'LON', 'SH-01']);
    const low = (await rt.app.inject({ method: 'GET', url: '/api/v1/inventory/low-stock', headers })).json<{ data: StockLevel[] }>().data;
    expect(low.map((l) => `${l.sku}@${l.warehouseCode}`).sort()).toEqual(['21754@LON', '22423@LON', '48138@LON', 'BRG-6204-2RS@SH-01', 'FLT-HX-160@SH-01']);
    const stock = (await rt.app.inject({ method: 'GET', url: '/api/v1/inventory?limit=200', headers })).json<{ data: StockLevel[] }>().data;
    expect(stock.length).toBeGreaterThan(49);
    expect(stock.find((l) => l.sku === 'BRG-6204-2RS')).toMatchObject({ productNameZh: '深沟球轴承 6204-2RS' });
    expect(stock.every((l) => l.onHand > 0 && l.reorderPoint > 0)).toBe(true);
    await expectLedgerHolds(rt);
  });
});
