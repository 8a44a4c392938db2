import { describe, expect, it } from 'vitest';
import type { Customer, Order, Product } from '@ordercare/contracts';
import { confirmationView, documentFilename, documentLocale, invoiceView, packingSlipView, type OrderDocumentSource } from '../order-documents.js';

const line = (sku: string, quantity: number, unitPrice: number, discount: number, taxRate: number) => {
  const total = quantity * unitPrice;
  return { id: `oln_${sku}`, sku, name: `Product ${sku}`, quantity, unitPrice, taxRate, total, discount, tax: Math.round(((total - discount) * taxRate) / 100), backordered: 0, makeToOrder: false, shipped: 0 };
};
const lines = [line('A', 10, 1000, 900, 13), line('B', 1, 1000, 100, 6)];
const subtotal = 11000;
const tax = lines.reduce((s, l) => s + l.tax, 0);
const address = { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', country: 'CN' };

const order = {
  id: 'ord_1',
  number: 'SO-2026-000007',
  customerId: 'cus_1',
  customerName: 'Acme Ltd',
  currency: 'CNY',
  lines,
  totals: { subtotal, discount: 1000, tax, shipping: 500, total: subtotal - 1000 + tax + 500 },
  shippingAddress: address,
  billingAddress: null,
  requestedDeliveryDate: '2026-12-01',
  promisedDeliveryDate: null,
  paymentTerms: { method: 'net', netDays: 14 },
  notes: 'internal: call first',
  specialRequirements: 'Pallets only',
  createdAt: '2026-11-20T23:30:00.000Z',
} as unknown as Order;

const customer = {
  locale: 'zh-CN',
  legalName: 'Acme Limited',
  taxId: 'GB1',
  email: null,
  phone: null,
  addresses: [
    { id: 'a1', kind: 'billing', isDefault: false, name: 'Old accounts', line1: 'x', city: 'y', country: 'CN' },
    { id: 'a2', kind: 'billing', isDefault: true, name: 'Accounts', line1: '1 Bund', city: 'Shanghai', country: 'CN' },
  ],
} as unknown as Customer;

const products = new Map([['A', { sku: 'A', nameZh: '产品甲', model: 'M-1', specification: 'steel', specificationZh: '钢', unit: 'pcs' } as Product]]);
const source: OrderDocumentSource = { order, customer, products, company: { name: 'Us' } };

describe('order → document view models', () => {
  it('prints lines at quantity × price, the order totals as they are, and a tax breakdown on the discounted bases', () => {
    const vm = invoiceView(source, { number: 'INV-2026-000003', issuedAt: '2026-11-22T10:00:00.000Z' }, 'zh-CN');
    expect(vm.totals).toEqual(order.totals);
    expect(vm.lines.map((l) => [l.total, l.taxAmount, l.discount ?? null])).toEqual([[10000, lines[0]!.tax, null], [1000, lines[1]!.tax, null]]);
    expect(vm.taxBreakdown).toEqual([{ rate: 13, base: 9100, tax: lines[0]!.tax }, { rate: 6, base: 900, tax: lines[1]!.tax }]);
    expect(vm.taxBreakdown!.reduce((s, r) => s + r.base, 0)).toBe(subtotal - order.totals.discount);
    expect(vm.taxBreakdown!.reduce((s, r) => s + r.tax, 0)).toBe(order.totals.tax);
    expect(vm).toMatchObject({ invoiceNumber: 'INV-2026-000003', issueDate: '2026-11-22', orderDate: '2026-11-20', customer: { name: 'Acme Ltd', legalName: 'Acme Limited', taxId: 'GB1' } });
    expect(vm.paymentTerms.schedule).toEqual([{ dueDate: '2026-12-06', amount: order.totals.total }]);
  });

  it('takes the Chinese name and specification from the catalog and the customer\'s default billing address', () => {
    const vm = confirmationView(source, 'zh-CN');
    expect(vm.lines[0]).toMatchObject({ name: 'Product A', nameZh: '产品甲', description: 'M-1 · 钢', unit: 'pcs' });
    expect(vm.lines[1]).toMatchObject({ nameZh: null, description: null, unit: null });
    expect(confirmationView(source, 'en').lines[0]!.description).toBe('M-1 · steel');
    expect(vm.billingAddress).toMatchObject({ name: 'Accounts', line1: '1 Bund' });
    expect(confirmationView({ ...source, order: { ...order, billingAddress: { ...address, name: 'Given' } } }, 'en').billingAddress!.name).toBe('Given');
    expect(vm.specialRequirements).toBe('Pallets only');
    expect(vm.notes).toBeUndefined();
  });

  it('puts notes and special requirements on the packing slip, without prices', () => {
    const vm = packingSlipView(source, 'en');
    expect(vm).toMatchObject({ notes: 'internal: call first', specialRequirements: 'Pallets only', shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue' } });
    expect(vm.lines).toEqual([
      { sku: 'A', name: 'Product A', nameZh: '产品甲', description: 'M-1 · steel', unit: 'pcs', quantity: 10 },
      { sku: 'B', name: 'Product B', nameZh: null, description: null, unit: null, quantity: 1 },
    ]);
  });

  it('schedules instalments from the issue date and picks the language and file name', () => {
    const vm = invoiceView({ ...source, order: { ...order, paymentTerms: { method: 'installments', installments: 2 } } }, { number: 'INV-2026-000004', issuedAt: '2026-11-22T10:00:00.000Z' }, 'en');
    expect(vm.paymentTerms.schedule!.map((s) => s.dueDate)).toEqual(['2026-11-22', '2026-12-22']);
    expect(vm.paymentTerms.schedule!.reduce((s, i) => s + i.amount, 0)).toBe(order.totals.total);
    expect(documentLocale(undefined, customer)).toBe('zh-CN');
    expect(documentLocale('en', customer)).toBe('en');
    expect(documentLocale(undefined, undefined)).toBe('en');
    expect(documentFilename('SO-2026-000001', 'invoice')).toBe('SO-2026-000001-invoice.pdf');
  });
});
