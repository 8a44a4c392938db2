import type { Browser, Page } from 'playwright-core';
import type { Customer, Order, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/src/platform/auth/index.js';
import { createPortalAccount } from '../../server/src/modules/identity/index.js';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, expectNoHorizontalOverflow, shot, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let buyer: Customer;
let stranger: Customer;
const BUYER = { email: 'buyer@harbour-trading.cn', password: 'portal-password-1' };

const address = { name: 'Demo Buyer', line1: '1 Harbour Road', city: 'Shenzhen', postalCode: '518000', country: 'CN' };

function placeOrder(customerId: string, quantity: number): Promise<Order> {
  return apiCall<Order>(server, 'POST', '/api/v1/orders', { customerId, currency: 'CNY', lines: [{ sku: 'PRT-VALVE-25', quantity }], shippingAddress: address, requestedDeliveryDate: '2031-03-01', notes: 'Staff only: key account' }, 201);
}

/** A confirmed order of the buyer with a dearer edit waiting for their answer. */
async function orderWithPendingChange(quantity: number): Promise<Order> {
  const order = await placeOrder(buyer.id, quantity);
  const confirmed = await apiCall<Order>(server, 'POST', `/api/v1/orders/${order.id}/transitions`, { to: 'confirmed' }, 200);
  return apiCall<Order>(server, 'PATCH', `/api/v1/orders/${order.id}`, { lines: [{ sku: 'PRT-VALVE-25', quantity: quantity + 2 }] }, 202, { 'if-match': `"${confirmed.version}"` });
}

async function portalPage(locale: 'en' | 'zh-CN', width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-CN', viewport: { width, height: 900 } });
  await context.addInitScript((lng) => window.localStorage.setItem('ordercare.locale', lng), locale);
  const page = await context.newPage();
  await page.goto(server.url + '/portal/login');
  await page.getByTestId('login-email').fill(BUYER.email);
  await page.getByTestId('login-password').fill(BUYER.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard-title').waitFor();
  return page;
}

const changeStatus = async (orderId: string) =>
  (await server.deps.db.selectFrom('order_changes').select('status').where('order_id', '=', orderId).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SZ1', name: 'Shenzhen' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'PRT-VALVE-25', name: 'Ball valve DN25', nameZh: '球阀 DN25', unitPrice: 12800, currency: 'CNY', taxRate: 13, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku: 'PRT-VALVE-25', warehouseId: wh.id, quantity: 200, kind: 'receipt', reason: 'Opening stock' }, 201);
  buyer = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Harbour Trading Co.', email: BUYER.email }, 201);
  stranger = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Someone Else Ltd' }, 201);
  const account = await createPortalAccount(server.deps, SYSTEM_ACTOR, { customerId: buyer.id, email: BUYER.email, name: 'Wang Fang', locale: 'en', password: BUYER.password });
  if (!account.ok) throw new Error(JSON.stringify(account.error));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('portal: my orders and answering a change', () => {
  it("lists only the customer's orders and lets them approve a change (English)", async () => {
    const plain = await placeOrder(buyer.id, 1);
    const pending = await orderWithPendingChange(3);
    const theirs = await placeOrder(stranger.id, 7);

    const page = await portalPage('en');
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.getByTestId('portal-order-row').first().waitFor();
    const numbers = await page.getByTestId('portal-order-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
    expect(numbers).toEqual([pending.number, plain.number]);
    expect(numbers).not.toContain(theirs.number);
    expect(await page.getByTestId('portal-order-needs-answer').count()).toBe(1);
    expect(await page.locator('[data-testid="portal-orders"] thead tr').count()).toBe(1);
    expect(await page.locator('[data-testid="portal-orders"] thead th').count()).toBe(await page.getByTestId('portal-order-row').first().locator('td').count());
    await shot(page, 'portal-orders-en');

    await page.getByRole('link', { name: pending.number }).click();
    const card = page.getByTestId('order-pending-change');
    await card.waitFor();
    expect(await card.getByTestId('change-total-before').textContent()).toContain('433.92'); // 3 × 128.00 + 13 %
    expect(await card.getByTestId('change-total-after').textContent()).toContain('723.20'); // 5 × 128.00 + 13 %
    expect(await page.textContent('body')).not.toContain('key account'); // staff notes stay inside
    await shot(page, 'portal-order-change-en');

    await card.getByTestId('change-note').fill('Yes, please send five.');
    await card.getByTestId('change-approve').click();
    await page.getByTestId('portal-change-answered').waitFor();
    expect(await page.getByTestId('portal-change-answered').getAttribute('data-decision')).toBe('approve');
    expect(await page.getByTestId('order-pending-change').count()).toBe(0);
    await expect.poll(() => page.getByTestId('line-quantity').first().textContent()).toBe('5');
    expect(await changeStatus(pending.id)).toBe('approved');
    const decidedBy = await server.deps.db.selectFrom('order_changes').select(['decided_by_type', 'note']).where('order_id', '=', pending.id).executeTakeFirstOrThrow();
    expect(decidedBy).toEqual({ decided_by_type: 'portal', note: 'Yes, please send five.' });
    await shot(page, 'portal-order-approved-en');

    // Someone else's order is simply not there.
    await page.goto(server.url + `/portal/orders/${theirs.id}`);
    await page.getByTestId('portal-order-not-found').waitFor();
    await page.context().close();
  });

  it('declines a change in Chinese, and fits a phone screen', async () => {
    const pending = await orderWithPendingChange(2);
    const page = await portalPage('zh-CN', 390);
    await page.goto(server.url + '/portal/orders');
    await page.getByTestId('portal-order-row').first().waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('我的订单');
    await shot(page, 'portal-orders-zh-CN-phone');

    await page.getByRole('link', { name: pending.number }).click();
    const card = page.getByTestId('order-pending-change');
    await card.waitFor();
    expect(await card.textContent()).toContain('需要您的确认');
    await expectNoHorizontalOverflow(page);
    await shot(page, 'portal-order-change-zh-CN-phone');
    await card.getByTestId('change-decline').click();
    await page.getByTestId('portal-change-answered').waitFor();
    expect(await page.getByTestId('portal-change-answered').textContent()).toContain('变更已拒绝');
    expect(await changeStatus(pending.id)).toBe('declined');
    expect(await page.getByTestId('line-quantity').first().textContent()).toBe('2');
    await page.context().close();
  });
});
