import type { Browser, Page } from 'playwright-core';
import type { Customer, Order, OrderPayments, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, choose, shot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let order: Order;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SH1', name: 'Shanghai Pudong' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'VLV-DN50', name: 'Gate valve DN50', nameZh: '闸阀 DN50', unitPrice: 10_000, currency: 'CNY', taxRate: 0, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku: 'VLV-DN50', warehouseId: wh.id, quantity: 20, kind: 'receipt', reason: 'Opening stock' }, 201);
  const acme = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Acme Robotics' }, 201);
  // 3 × 100.00 = 300.00 CNY in 3 instalments of 100.00.
  order = await apiCall<Order>(server, 'POST', '/api/v1/orders', {
    customerId: acme.id,
    currency: 'CNY',
    lines: [{ sku: 'VLV-DN50', quantity: 3 }],
    shippingAddress: { name: 'Li Na', line1: '88 Century Avenue', city: 'Shanghai', country: 'CN' },
    requestedDeliveryDate: '2026-12-01',
    paymentTerms: { method: 'installments', installments: 3 },
  }, 201);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const attr = (page: Page, testId: string, name: string) => page.getByTestId(testId).first().getAttribute(name);
const balance = (page: Page) => attr(page, 'payment-balance', 'data-minor');

async function position(): Promise<OrderPayments> {
  const res = await server.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/payments`, headers: await server.asRole('finance') });
  return res.json();
}

describe('payments on the order page', () => {
  it('records a payment, refuses an overpayment, issues a refund; balance, status and schedule follow', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.goto(server.url + `/orders/${order.id}`);
    await page.getByTestId('order-payments').waitFor();
    await expect.poll(() => balance(page)).toBe('30000');
    expect(await attr(page, 'payment-status', 'data-status')).toBe('unpaid');
    expect(await page.getByTestId('payment-schedule').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('payment-refund').isDisabled()).toBe(true);

    // Record 150.00 by bank transfer: the amount starts at the balance due.
    await page.getByTestId('payment-record').click();
    await page.getByTestId('payment-submit').waitFor();
    expect(await page.getByTestId('payment-amount').inputValue()).toBe('300.00');
    await page.getByTestId('payment-amount').fill('150.00');
    await choose(page, 'payment-method', 'Bank transfer');
    await page.getByTestId('payment-reference').fill('ICBC-20261122-01');
    await page.getByTestId('payment-submit').click();
    await page.getByTestId('payment-modal').waitFor({ state: 'detached' });
    await expect.poll(() => balance(page)).toBe('15000');
    expect(await attr(page, 'payment-status', 'data-status')).toBe('partially_paid');
    expect(await attr(page, 'installment-1', 'data-state')).toBe('paid');
    expect(await page.getByTestId('payment-row').count()).toBe(1);

    // More than the balance: the server refuses and the modal says what to enter.
    await page.getByTestId('payment-record').click();
    await page.getByTestId('payment-amount').fill('150.01');
    await page.getByTestId('payment-submit').click();
    await page.getByTestId('payment-error').waitFor();
    expect(await attr(page, 'payment-error', 'data-code')).toBe('overpayment');
    expect(await page.getByTestId('payment-error').textContent()).toContain('150.00');
    await shot(page, 'payment-overpayment-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('payment-modal').waitFor({ state: 'detached' });

    // A refund needs a reason; then 50.00 goes back.
    await page.getByTestId('payment-refund').click();
    await page.getByTestId('refund-submit').waitFor();
    expect(await page.getByTestId('refund-amount').inputValue()).toBe('150.00');
    await page.getByTestId('refund-amount').fill('50');
    await page.getByTestId('refund-submit').click();
    await expect.poll(() => page.getByTestId('refund-modal').getByText('Say why the money goes back.').count()).toBe(1);
    await page.getByTestId('refund-reason').fill('One valve arrived damaged');
    await page.getByTestId('refund-submit').click();
    await page.getByTestId('refund-modal').waitFor({ state: 'detached' });
    await expect.poll(() => balance(page)).toBe('20000');
    expect(await attr(page, 'payment-status', 'data-status')).toBe('partially_refunded');
    expect(await attr(page, 'payment-refunded', 'data-minor')).toBe('5000');
    expect(await page.getByTestId('payment-row').count()).toBe(2);
    await shot(page, 'payment-card-en');

    const p = await position();
    expect(p.summary).toMatchObject({ amountPaid: 15_000, amountRefunded: 5000, balanceDue: 20_000, paymentStatus: 'partially_refunded' });
    expect(p.data.map((x) => [x.kind, x.amount, x.reference ?? x.reason])).toEqual([['payment', 15_000, 'ICBC-20261122-01'], ['refund', 5000, 'One valve arrived damaged']]);
    await context.close();
  });

  it('shows the payments card in Chinese, and no money buttons for a role that may not record them', async () => {
    const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
    await page.goto(server.url + `/orders/${order.id}`);
    await page.getByTestId('order-payments').waitFor();
    await expect.poll(() => page.getByTestId('order-payments').getByRole('heading').first().textContent()).toBe('付款');
    expect(await page.getByTestId('payment-record').textContent()).toBe('登记付款');
    expect(await page.getByTestId('payment-status').textContent()).toBe('部分退款');
    await shot(page, 'payment-card-zh-CN');
    await page.getByTestId('payment-refund').click();
    await page.getByTestId('refund-submit').waitFor();
    await shot(page, 'payment-refund-modal-zh-CN');
    await context.close();

    const wh = await signedInPage(browser, server, { email: 'warehouse@example.com' });
    await wh.page.goto(server.url + `/orders/${order.id}`);
    await wh.page.getByTestId('order-payments').waitFor();
    await expect.poll(() => balance(wh.page)).toBe('20000');
    expect(await wh.page.getByTestId('payment-record').count()).toBe(0);
    await wh.context.close();
  });
});
