import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, Product } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

let rt: TestRuntime;
let admin: Record<string, string>;
beforeAll(async () => {
  rt = await startTestRuntime();
  admin = await rt.asRole('manager');
});
afterAll(() => rt?.close());

type Page = { data: Product[]; nextCursor: string | null };
const motor = { sku: 'MTR-Y2-90L-4', name: 'Three-phase motor 1.5 kW', nameZh: '三相异步电动机', model: 'Y2-90L-4', unitPrice: 98000, currency: 'cny', taxRate: 13.5 };
const create = (payload: Record<string, unknown>, headers = admin) => rt.app.inject({ method: 'POST', url: '/api/v1/products', headers, payload });
const list = async (query: string) => (await rt.app.inject({ method: 'GET', url: `/api/v1/products?${query}`, headers: await rt.asRole('support') })).json<Page>();
const patch = (id: string, payload: Record<string, unknown>, ifMatch?: string) =>
  rt.app.inject({ method: 'PATCH', url: `/api/v1/products/${id}`, headers: { ...admin, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) }, payload });

describe('products', () => {
  let created: Product;

  it('creates a product with defaults, percent tax and an upper-case currency, recording audit and event', async () => {
    const res = await create(motor, { ...admin, 'idempotency-key': 'create-motor' });
    expect(res.statusCode).toBe(201);
    created = res.json<Product>();
    expect(created).toMatchObject({ ...motor, currency: 'CNY', unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false, version: 1, specification: null });
    expect(created.id).toMatch(/^prd_/);
    const row = await rt.deps.db.selectFrom('products').select(['tax_rate_bp', 'search_text']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ tax_rate_bp: 1350, search_text: 'mtr-y2-90l-4 three-phase motor 1.5 kw 三相异步电动机 y2-90l-4' });
    const replay = await create(motor, { ...admin, 'idempotency-key': 'create-motor' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(created);
    expect(await rt.deps.db.selectFrom('outbox').select(['type', 'aggregate_id']).where('type', 'like', 'product.%').execute()).toEqual([{ type: 'product.created', aggregate_id: created.id }]);
    expect(await rt.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.id).execute()).toEqual([{ action: 'product.created' }]);
  });

  it('refuses a taken SKU with 409 duplicate_sku naming the existing product', async () => {
    const res = await create({ ...motor, name: 'Another' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>()).toMatchObject({ code: 'duplicate_sku', errors: [{ path: 'body.sku', message: `is already used by product ${created.id}` }] });
    expect(res.json<Problem>().detail).toContain(created.id);
  });

  it('lets only admins and managers write, every staff role read', async () => {
    expect((await create({ ...motor, sku: 'X-1' }, await rt.asRole('sales'))).statusCode).toBe(403);
    for (const role of ['sales', 'support', 'warehouse', 'finance'] as const) {
      expect((await rt.app.inject({ method: 'GET', url: `/api/v1/products/${created.id}`, headers: await rt.asRole(role) })).statusCode).toBe(200);
    }
  });

  it('reads a product with its version as ETag, and answers 404 for an unknown id', async () => {
    const res = await rt.app.inject({ method: 'GET', url: `/api/v1/products/${created.id}`, headers: admin });
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toEqual(created);
    const missing = await rt.app.inject({ method: 'GET', url: '/api/v1/products/prd_nope', headers: admin });
    expect([missing.statusCode, missing.json<Problem>().code]).toEqual([404, 'not_found']);
  });

  it('edits with If-Match: 428 without it, 412 when stale, a new version when current', async () => {
    const missing = await patch(created.id, { unitPrice: 99000 });
    expect([missing.statusCode, missing.json<Problem>().code]).toEqual([428, 'if_match_required']);
    const bad = await patch(created.id, { unitPrice: 99000 }, 'soon');
    expect([bad.statusCode, bad.json<Problem>().errors?.[0]?.path]).toEqual([400, 'header.if-match']);
    const ok = await patch(created.id, { unitPrice: 99000, nameZh: null, specificationZh: '380 伏' }, '"1"');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json<Product>()).toMatchObject({ unitPrice: 99000, nameZh: null, specificationZh: '380 伏', version: 2 });
    const stale = await patch(created.id, { unitPrice: 1 }, '"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json<Problem>()).toMatchObject({ code: 'version_conflict' });
    expect(stale.json<Problem>().detail).toContain('now at version 2');
    const same = await patch(created.id, { unitPrice: 99000 }, 'W/"2"');
    expect(same.json<Product>().version).toBe(2); // nothing changed, nothing written
    const events = await rt.deps.db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'product.updated').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ changed: ['name_zh', 'specification_zh', 'unit_price'] });
  });

  it('refuses a PATCH to a SKU another product has', async () => {
    const other = (await create({ ...motor, sku: 'MTR-OTHER' })).json<Product>();
    const res = await patch(other.id, { sku: created.sku }, '"1"');
    expect([res.statusCode, res.json<Problem>().code]).toEqual([409, 'duplicate_sku']);
  });

  it('searches by SKU prefix and words of the names and model, filters by active and pages by SKU', async () => {
    for (const [sku, name, nameZh, active] of [
      ['BOLT-M8-30', 'Hex bolt M8×30', '六角螺栓', true],
      ['BOLT-M10-40', 'Hex bolt M10×40', '六角螺栓', true],
      ['NUT-M8', 'Hex nut M8', '六角螺母', false],
      ['RAG_1', 'Cotton rag 100%', null, true],
      ['RAGX1', 'Rag 1000', null, true],
    ] as const) {
      expect((await create({ sku, name, nameZh, unitPrice: 10, currency: 'CNY', active })).statusCode).toBe(201);
    }
    const skus = (p: Page) => p.data.map((x) => x.sku);
    expect(skus(await list('q=bolt'))).toEqual(['BOLT-M10-40', 'BOLT-M8-30']);
    expect(skus(await list('q=HEX%20m8'))).toEqual(['BOLT-M8-30', 'NUT-M8']);
    expect(skus(await list(`q=${encodeURIComponent('螺母')}`))).toEqual(['NUT-M8']);
    expect(skus(await list('q=y2-90l'))).toEqual(['MTR-OTHER', 'MTR-Y2-90L-4']); // the model (MTR-OTHER copied it)
    expect(skus(await list('q=hex&active=false'))).toEqual(['NUT-M8']);
    expect(skus(await list('q=g_1'))).toEqual(['RAG_1']); // % and _ match literally
    expect(skus(await list('q=100%25'))).toEqual(['RAG_1']);
    expect(skus(await list('sku=NUT-M8'))).toEqual(['NUT-M8']);
    expect(skus(await list('sku=nut-m8'))).toEqual([]); // SKUs are exact

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...skus(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['BOLT-M10-40', 'BOLT-M8-30', 'MTR-OTHER', 'MTR-Y2-90L-4', 'NUT-M8', 'RAGX1', 'RAG_1']);
  });

  it('validates the body: unknown fields, bad currency, negative price, too many tax decimals', async () => {
    const res = await create({ ...motor, sku: 'BAD', currency: 'yuan', unitPrice: -1, taxRate: 13.555, colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.path).sort()).toEqual(['body.colour', 'body.currency', 'body.taxRate', 'body.unitPrice']);
  });
});
