import type { LightMyRequestResponse } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, Product, Warehouse } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { seedDemoSettings } from '../../settings/index.js';
import { ADDRESS, asRole, orderBody, orderOf, problemOf, product, receive, warehouse } from './helpers.js';

let rt: TestRuntime;
let sh: Warehouse;
let acme: Customer;
let huadong: Customer;
let bolt: Product;
let motor: Product;
const clock = manualClock();

/** The text of a PDF as a reader extracts it (through the embedded fonts' ToUnicode maps). */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(res.rawPayload), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join(' ').replace(/\s+/g, ' ');
}

const money = (minor: number, locale: 'en-GB' | 'zh-CN') => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(minor / 100);

async function createCustomer(body: object): Promise<Customer> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: await rt.asRole('admin'), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

async function place(customerId: string, over: Record<string, unknown> = {}): Promise<Order> {
  return orderOf(await (await asRole(rt, 'sales')).place(orderBody(customerId, over)));
}

async function download(role: Parameters<TestRuntime['asRole']>[0], orderId: string, kind: 'confirmation' | 'invoice' | 'packing-slip', query = '') {
  return rt.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/documents/${kind}.pdf${query}`, headers: await rt.asRole(role) });
}

function expectPdf(res: LightMyRequestResponse, filename: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toBe(`inline; filename="${filename}"`);
  expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

const invoiceRows = () => rt.deps.db.selectFrom('order_invoices').selectAll().orderBy('number').execute();
const invoiceCounter = async () => Number((await rt.deps.db.selectFrom('document_sequences').select('last').where('kind', '=', 'invoice').where('year', '=', 2026).executeTakeFirst())?.last ?? 0);

beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  await seedDemoSettings(rt.deps);
  sh = await warehouse(rt, 'SH-01');
  bolt = await product(rt, 'BOLT-M8', { name: 'Hex bolt M8', nameZh: '六角螺栓 M8', specification: 'Zinc plated, grade 8.8', specificationZh: '镀锌 8.8 级', unitPrice: 120, taxRate: 13 });
  motor = await product(rt, 'MTR-15', { name: 'Three-phase motor 1.5 kW', nameZh: '三相异步电动机 1.5 千瓦', unitPrice: 98000, taxRate: 13 });
  await receive(rt, bolt.sku, sh.id, 10_000);
  await receive(rt, motor.sku, sh.id, 100);
  acme = await createCustomer({ kind: 'business', name: 'Acme Industrial Ltd', locale: 'en', taxId: 'GB123456789' });
  huadong = await createCustomer({
    kind: 'business',
    name: '上海华东机械有限公司',
    locale: 'zh-CN',
    addresses: [{ kind: 'billing', isDefault: true, name: '财务部', line1: '浦东新区张江路 88 号', city: '上海', postalCode: '201203', country: 'CN' }],
  });
});
afterAll(() => rt?.close());

describe('order documents over HTTP', () => {
  it('renders the three documents of an English customer in English, totals exactly as the order', async () => {
    const order = await place(acme.id, {
      lines: [{ sku: 'BOLT-M8', quantity: 100 }, { sku: 'MTR-15', quantity: 2 }],
      billingAddress: { ...ADDRESS, name: 'Accounts Payable' },
      paymentTerms: { method: 'net', netDays: 30 },
      discount: { type: 'percent', percent: 10 },
      shippingCharge: 2000,
      notes: 'Call Mr Li before delivery',
      specialRequirements: 'Pallets of at most 500 kg',
    });
    const total = money(order.totals.total, 'en-GB');

    const confirmation = await download('sales', order.id, 'confirmation');
    expectPdf(confirmation, `${order.number}-confirmation.pdf`);
    const c = await textOf(confirmation);
    for (const s of ['Order confirmation', order.number, 'Acme Industrial Ltd', 'Hex bolt M8', 'Zinc plated, grade 8.8', 'Three-phase motor 1.5 kW', total, 'Pallets of at most 500 kg']) expect(c).toContain(s);
    expect(c).not.toContain('六角螺栓');
    expect(c).not.toContain('Call Mr Li'); // internal notes stay off customer documents

    const invoice = await download('finance', order.id, 'invoice');
    expectPdf(invoice, `${order.number}-invoice.pdf`);
    const i = await textOf(invoice);
    for (const s of ['Invoice', 'INV-2026-000001', order.number, 'Acme Industrial Ltd', 'GB123456789', 'Accounts Payable', 'Hex bolt M8', total, money(order.totals.tax, 'en-GB'), 'Net 30 days', '22 Dec 2026']) expect(i).toContain(s);
    // The tax breakdown's base is the lines after the discount: subtotal − discount.
    expect(i).toContain(money(order.totals.subtotal - order.totals.discount, 'en-GB'));
    expect(i).not.toContain('发票');

    const slip = await download('warehouse', order.id, 'packing-slip');
    expectPdf(slip, `${order.number}-packing-slip.pdf`);
    const p = await textOf(slip);
    for (const s of ['Packing slip', order.number, 'Hex bolt M8', '100 pcs', 'Call Mr Li before delivery', 'Pallets of at most 500 kg', '88 Century Avenue']) expect(p).toContain(s);
    expect(p).not.toContain(total);
  });

  it('renders a Chinese customer\'s documents in Chinese with Chinese product names, and ?locale= overrides', async () => {
    const order = await place(huadong.id, { lines: [{ sku: 'MTR-15', quantity: 1 }, { sku: 'BOLT-M8', quantity: 500 }], paymentTerms: { method: 'installments', installments: 3 }, specialRequirements: '电机需单独木箱包装' });
    const total = money(order.totals.total, 'zh-CN');

    const invoice = await download('admin', order.id, 'invoice');
    expectPdf(invoice, `${order.number}-invoice.pdf`);
    expect(invoice.headers['content-language']).toBe('zh-CN');
    const i = await textOf(invoice);
    for (const s of ['发票', '发票号码', 'INV-2026-000002', order.number, '上海华东机械有限公司', '浦东新区张江路 88 号', '三相异步电动机 1.5 千瓦', '六角螺栓 M8', '镀锌 8.8 级', total, '分 3 期付款', '2026年11月22日', '2026年12月22日', '2027年1月21日']) expect(i).toContain(s);
    expect(i).not.toContain('Hex bolt M8');

    const c = await textOf(await download('support', order.id, 'confirmation'));
    for (const s of ['订单确认书', order.number, '三相异步电动机 1.5 千瓦', total, '电机需单独木箱包装']) expect(c).toContain(s);
    const p = await textOf(await download('warehouse', order.id, 'packing-slip'));
    for (const s of ['装箱单', '六角螺栓 M8', '电机需单独木箱包装']) expect(p).toContain(s);

    const english = await textOf(await download('admin', order.id, 'invoice', '?locale=en'));
    for (const s of ['Invoice', 'Hex bolt M8', money(order.totals.total, 'en-GB')]) expect(english).toContain(s);
    expect(english).not.toContain('发票');

    const bad = await download('admin', order.id, 'invoice', '?locale=fr');
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).code).toBe('validation_failed');
  });
});

describe('invoice numbers', () => {
  it('numbers invoices sequentially across orders and keeps an order\'s number on every download', async () => {
    const before = await invoiceRows();
    const first = await place(acme.id);
    const second = await place(acme.id);
    const a = await textOf(await download('finance', first.id, 'invoice'));
    clock.advance(3 * 86_400_000);
    const b = await textOf(await download('finance', second.id, 'invoice'));
    const again = await textOf(await download('manager', first.id, 'invoice'));

    const rows = await invoiceRows();
    expect(rows).toHaveLength(before.length + 2);
    const n = before.length;
    const numberOf = (orderId: string) => rows.find((r) => r.order_id === orderId)!.number;
    expect(numberOf(first.id)).toBe(`INV-2026-${String(n + 1).padStart(6, '0')}`);
    expect(numberOf(second.id)).toBe(`INV-2026-${String(n + 2).padStart(6, '0')}`);
    expect(a).toContain(numberOf(first.id));
    expect(b).toContain(numberOf(second.id));
    expect(again).toContain(numberOf(first.id)); // same number and issue date, days later
    expect(again).toContain('22 Nov 2026');
    expect(again).not.toContain(numberOf(second.id));
    expect(await invoiceCounter()).toBe(rows.length);

    // One invoice.issued event (with the customer, so it reaches the timeline) and audit entry per invoice.
    const events = await rt.deps.db.selectFrom('outbox').selectAll().where('type', '=', 'invoice.issued').where('aggregate_id', '=', first.id).execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ orderId: first.id, customerId: acme.id, number: first.number, invoiceNumber: numberOf(first.id), total: first.totals.total });
    const audits = await rt.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', first.id).where('action', '=', 'invoice.issued').execute();
    expect(audits).toHaveLength(1);
  });

  it('gives five concurrent first downloads one number, with no gap in the sequence', async () => {
    const order = await place(acme.id);
    const counter = await invoiceCounter();
    const responses = await Promise.all(Array.from({ length: 5 }, () => download('finance', order.id, 'invoice')));
    for (const res of responses) expectPdf(res, `${order.number}-invoice.pdf`);

    const rows = (await invoiceRows()).filter((r) => r.order_id === order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.number).toBe(`INV-2026-${String(counter + 1).padStart(6, '0')}`);
    expect(await invoiceCounter()).toBe(counter + 1);
    for (const res of responses) expect(await textOf(res)).toContain(rows[0]!.number);
    const events = await rt.deps.db.selectFrom('outbox').select('id').where('type', '=', 'invoice.issued').where('aggregate_id', '=', order.id).execute();
    expect(events).toHaveLength(1);
  });
});

describe('access', () => {
  it('lets the warehouse print packing slips but not invoices or confirmations, and finance the reverse', async () => {
    const order = await place(acme.id);
    expect((await download('warehouse', order.id, 'invoice')).statusCode).toBe(403);
    expect(problemOf(await download('warehouse', order.id, 'confirmation')).code).toBe('forbidden');
    expect((await download('warehouse', order.id, 'packing-slip')).statusCode).toBe(200);
    expect((await download('finance', order.id, 'packing-slip')).statusCode).toBe(403);
    expect((await download('finance', order.id, 'confirmation')).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/documents/invoice.pdf` })).statusCode).toBe(401);
    // The 403 on the invoice allocated nothing.
    expect((await invoiceRows()).some((r) => r.order_id === order.id)).toBe(false);
  });

  it('answers 404 for an unknown order, without allocating an invoice number', async () => {
    const counter = await invoiceCounter();
    for (const kind of ['confirmation', 'invoice', 'packing-slip'] as const) {
      const res = await download('admin', 'ord_01UNKNOWN000000000000000', kind);
      expect(res.statusCode).toBe(404);
      expect(problemOf(res).code).toBe('not_found');
    }
    expect(await invoiceCounter()).toBe(counter);
  });
});
