import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Movement, Problem, ReleaseResult, Reservation, ReservationRecord, StockLevel, Warehouse } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { expectLedgerHolds, product, tableCounts } from './fixtures.js';

let rt: TestRuntime;
let manager: Record<string, string>;
let keeper: Record<string, string>;
let sales: Record<string, string>;
beforeAll(async () => {
  rt = await startTestRuntime();
  [manager, keeper, sales] = [await rt.asRole('manager'), await rt.asRole('warehouse'), await rt.asRole('sales')];
  await product(rt, 'HTTP-A', { name: 'Bearing 6204' });
  await product(rt, 'HTTP-B');
});
afterAll(() => rt?.close());

type Page<T> = { data: T[]; nextCursor: string | null };
const get = async <T>(url: string, headers = sales) => {
  const res = await rt.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<T>>();
};
const post = (url: string, payload: unknown, headers: Record<string, string>) => rt.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

describe('inventory over HTTP', () => {
  let sh: Warehouse;
  let gz: Warehouse;

  it('creates warehouses (admin, manager), refuses a taken code, lists them by code for every role', async () => {
    const created = await post('/api/v1/warehouses', { code: 'sh-01', name: '上海仓 Shanghai', address: '浦东' }, manager);
    expect(created.statusCode).toBe(201);
    sh = created.json<Warehouse>();
    expect(sh).toMatchObject({ code: 'SH-01', name: '上海仓 Shanghai', address: '浦东', active: true });
    gz = (await post('/api/v1/warehouses', { code: 'GZ-01', name: '广州仓' }, manager)).json<Warehouse>();
    const dup = await post('/api/v1/warehouses', { code: 'SH-01', name: 'Again' }, manager);
    expect([dup.statusCode, dup.json<Problem>().code, dup.json<Problem>().errors?.[0]?.path]).toEqual([409, 'duplicate_warehouse_code', 'body.code']);
    expect((await post('/api/v1/warehouses', { code: 'X', name: 'X' }, keeper)).statusCode).toBe(403);
    const first = await get<Warehouse>('/api/v1/warehouses?limit=1', await rt.asRole('finance'));
    expect(first.data.map((w) => w.code)).toEqual(['GZ-01']);
    expect((await get<Warehouse>(`/api/v1/warehouses?cursor=${first.nextCursor}`)).data.map((w) => w.code)).toEqual(['SH-01']);
  });

  it('adjusts stock (admin, manager, warehouse), answering 201 with the level, and replays a repeated Idempotency-Key', async () => {
    const body = { sku: 'HTTP-A', warehouseId: sh.id, quantity: 40, reason: 'PO 4711 received', kind: 'receipt' };
    const headers = { ...keeper, 'idempotency-key': 'receipt-4711' };
    const res = await post('/api/v1/inventory/adjustments', body, headers);
    expect(res.statusCode).toBe(201);
    expect(res.json<StockLevel>()).toMatchObject({ sku: 'HTTP-A', productName: 'Bearing 6204', productNameZh: null, warehouseId: sh.id, warehouseCode: 'SH-01', onHand: 40, reserved: 0, available: 40, safetyStock: 0, reorderPoint: 0 });
    const counts = await tableCounts(rt);
    const again = await post('/api/v1/inventory/adjustments', body, headers);
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(await tableCounts(rt)).toEqual(counts);
    const reused = await post('/api/v1/inventory/adjustments', { ...body, quantity: 41 }, headers);
    expect([reused.statusCode, reused.json<Problem>().code]).toEqual([422, 'idempotency_key_reused']);
    expect((await post('/api/v1/inventory/adjustments', body, sales)).statusCode).toBe(403);
    expect((await post('/api/v1/inventory/adjustments', { ...body, warehouseId: gz.id, quantity: 7 }, manager)).statusCode).toBe(201);
    expect((await post('/api/v1/inventory/adjustments', { sku: 'HTTP-B', warehouseId: gz.id, quantity: 3, reason: 'found' }, manager)).json<StockLevel>().onHand).toBe(3);
  });

  it('sets thresholds with PUT and reports them in the level', async () => {
    const res = await rt.app.inject({ method: 'PUT', url: '/api/v1/inventory/thresholds', headers: keeper, payload: { sku: 'HTTP-B', warehouseId: gz.id, safetyStock: 5, reorderPoint: 4 } });
    expect(res.statusCode).toBe(200);
    expect(res.json<StockLevel>()).toMatchObject({ onHand: 3, available: 3, safetyStock: 5, reorderPoint: 4, belowSafetyStock: true, belowReorderPoint: true });
    expect((await get<StockLevel>('/api/v1/inventory/low-stock')).data.map((l) => l.sku)).toEqual(['HTTP-B']);
    expect((await get<StockLevel>(`/api/v1/inventory/low-stock?warehouseId=${sh.id}`)).data).toEqual([]);
  });

  it('lists stock per SKU and warehouse with filters and pages', async () => {
    const bySku = await get<StockLevel>('/api/v1/inventory?sku=HTTP-A');
    expect(bySku.data.map((l) => [l.warehouseCode, l.onHand])).toEqual([['SH-01', 40], ['GZ-01', 7]]);
    expect((await get<StockLevel>(`/api/v1/inventory?warehouseId=${gz.id}`)).data.map((l) => l.sku)).toEqual(['HTTP-A', 'HTTP-B']);
    expect((await get<StockLevel>('/api/v1/inventory?sku=NOPE')).data).toEqual([]);
    const p1 = await get<StockLevel>('/api/v1/inventory?limit=2');
    const p2 = await get<StockLevel>(`/api/v1/inventory?limit=2&cursor=${p1.nextCursor}`);
    expect([...p1.data, ...p2.data].map((l) => `${l.sku}@${l.warehouseCode}`)).toEqual(['HTTP-A@SH-01', 'HTTP-A@GZ-01', 'HTTP-B@GZ-01']);
    expect(p2.nextCursor).toBeNull();
  });

  it('reserves and releases over HTTP (admin, manager, sales, warehouse), releasing twice harmlessly', async () => {
    const payload = { referenceType: 'quote', referenceId: 'Q-1', lines: [{ sku: 'HTTP-A', quantity: 45 }] };
    expect((await post('/api/v1/inventory/reservations', payload, await rt.asRole('support'))).statusCode).toBe(403);
    const res = await post('/api/v1/inventory/reservations', payload, { ...sales, 'idempotency-key': 'q1' });
    expect(res.statusCode).toBe(201);
    expect(res.json<Reservation>()).toEqual({ referenceType: 'quote', referenceId: 'Q-1', allocations: [{ sku: 'HTTP-A', warehouseId: sh.id, quantity: 40, backordered: 0 }, { sku: 'HTTP-A', warehouseId: gz.id, quantity: 5, backordered: 0 }] });
    expect((await post('/api/v1/inventory/reservations', payload, { ...sales, 'idempotency-key': 'q1' })).json()).toEqual(res.json());
    const held = await rt.app.inject({ method: 'GET', url: '/api/v1/inventory/reservations?referenceType=quote&referenceId=Q-1', headers: sales });
    expect(held.json<{ data: ReservationRecord[] }>().data.map((r) => [r.sku, r.quantity, r.status])).toEqual([['HTTP-A', 40, 'active'], ['HTTP-A', 5, 'active']]);

    const release = () => post('/api/v1/inventory/reservations/release', { referenceType: 'quote', referenceId: 'Q-1', reason: 'quote expired' }, keeper);
    const first = await release();
    expect(first.statusCode).toBe(200);
    expect(first.json<ReleaseResult>().released.map((r) => r.quantity).sort()).toEqual([40, 5].sort());
    expect((await release()).json<ReleaseResult>()).toEqual({ referenceType: 'quote', referenceId: 'Q-1', released: [] });
    expect((await get<StockLevel>('/api/v1/inventory?sku=HTTP-A')).data.map((l) => l.reserved)).toEqual([0, 0]);
  });

  it('lists the ledger newest first, filtered and paged, with who and why', async () => {
    const all = await get<Movement>('/api/v1/inventory/movements?sku=HTTP-A');
    expect(all.data.map((m) => [m.kind, m.quantity, m.reservedDelta, m.warehouseId === sh.id ? 'SH' : 'GZ'])).toEqual([
      ['release', 0, -5, 'GZ'],
      ['release', 0, -40, 'SH'],
      ['reservation', 0, 5, 'GZ'],
      ['reservation', 0, 40, 'SH'],
      ['receipt', 7, 0, 'GZ'],
      ['receipt', 40, 0, 'SH'],
    ]);
    expect(all.data.at(-1)).toMatchObject({ sku: 'HTTP-A', reason: 'PO 4711 received', actor: { type: 'api_key' }, referenceType: null });
    expect(all.data[0]).toMatchObject({ reason: 'quote expired', referenceType: 'quote', referenceId: 'Q-1' });
    const page = await get<Movement>(`/api/v1/inventory/movements?sku=HTTP-A&warehouseId=${sh.id}&limit=2`);
    const rest = await get<Movement>(`/api/v1/inventory/movements?sku=HTTP-A&warehouseId=${sh.id}&limit=2&cursor=${page.nextCursor}`);
    expect([...page.data, ...rest.data].map((m) => m.kind)).toEqual(['release', 'reservation', 'receipt']);
    await expectLedgerHolds(rt);
  });
});
