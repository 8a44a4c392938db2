import type { Browser, Page } from 'playwright-core';
import type { Customer, Order, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, choose, expectNoHorizontalOverflow, shot as screenshot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let acme: Customer;
let beijing: Customer;
let overdueOrder: Order;

const address = { name: 'Li Na', company: 'Acme Robotics', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN', phone: '+86 21 5555 0101' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SH1', name: 'Shanghai Pudong' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'BRG-6205', name: 'Deep groove ball bearing 6205-2RS', nameZh: '深沟球轴承 6205-2RS', unitPrice: 1850, currency: 'CNY', taxRate: 13, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'GLV-NIT-M', name: 'Nitrile gloves, size M', nameZh: '丁腈手套 M 号', unitPrice: 4500, currency: 'CNY', taxRate: 13, unit: 'box' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'PMP-CDL4', name: 'Centrifugal pump CDL4 (built to order)', nameZh: '离心泵 CDL4（按单生产）', unitPrice: 980000, currency: 'CNY', taxRate: 13, unit: 'pcs', trackInventory: false, makeToOrder: true }, 201);
  for (const [sku, quantity] of [['BRG-6205', 50], ['GLV-NIT-M', 10]] as const) {
    await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku, warehouseId: wh.id, quantity, kind: 'receipt', reason: 'Opening stock' }, 201);
  }
  acme = await apiCall<Customer>(server, 'POST', '/api/v1/customers', {
    kind: 'business',
    name: 'Acme Robotics',
    email: 'buyer@acme-robotics.cn',
    addresses: [
      { kind: 'billing', isDefault: true, name: 'Accounts payable', line1: '1 Finance Street', city: 'Shanghai', country: 'CN' },
      { kind: 'shipping', isDefault: true, ...address },
    ],
  }, 201);
  beijing = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Beijing Precision Tools', email: 'orders@bjpt.cn', locale: 'zh-CN' }, 201);
  // An order whose requested date has passed: overdue.
  overdueOrder = await apiCall<Order>(server, 'POST', '/api/v1/orders', {
    customerId: beijing.id,
    currency: 'CNY',
    lines: [{ sku: 'BRG-6205', quantity: 4 }, { sku: 'PMP-CDL4', quantity: 1 }],
    shippingAddress: { name: '王强', line1: '朝阳区建国路 99 号', city: '北京', country: 'CN' },
    requestedDeliveryDate: '2024-03-01',
    priority: 'urgent',
    notes: 'Call before delivery',
  }, 201);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();
const status = (page: Page) => page.getByTestId('order-title').locator('..').getByTestId('order-status').first().getAttribute('data-status');

async function pickLine(page: Page, index: number, search: string, option: RegExp) {
  const line = page.getByTestId('line').nth(index);
  await line.getByTestId('line-sku').fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

async function transition(page: Page, button: string, reason?: string) {
  await page.getByTestId(button).click();
  await page.getByTestId('transition-submit').waitFor();
  if (reason) await page.getByTestId('transition-reason').fill(reason);
  await page.getByTestId('transition-submit').click();
  await page.getByTestId('transition-modal').waitFor({ state: 'detached' });
}

describe('orders in the back office', () => {
  it('places an order through the form, then confirms, holds and releases it', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-orders').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    await page.getByTestId('orders-new').click();
    await page.getByTestId('order-form').waitFor();

    // Customer search; the default shipping address is filled in.
    await page.getByTestId('order-customer').fill('Acme');
    await page.getByRole('option', { name: /Acme Robotics/ }).click();
    await expect.poll(() => page.getByTestId('address-city').inputValue()).toBe('Shanghai');
    expect(await page.getByTestId('address-line1').inputValue()).toBe('88 Century Avenue');

    // Two lines with live availability (4 bearings are reserved by the overdue order).
    await pickLine(page, 0, 'BRG', /BRG-6205/);
    await expect.poll(() => page.getByTestId('line').nth(0).getByTestId('line-available').getAttribute('data-available')).toBe('46');
    await page.getByTestId('line').nth(0).getByTestId('line-quantity').fill('3');
    await page.getByTestId('order-add-line').click();
    await pickLine(page, 1, 'gloves', /GLV-NIT-M/);
    await expect.poll(() => page.getByTestId('line').nth(1).getByTestId('line-available').getAttribute('data-available')).toBe('10');
    await page.getByTestId('line').nth(1).getByTestId('line-quantity').fill('2');
    await page.getByTestId('order-requested-date').fill('2030-12-01');
    await page.getByTestId('order-requested-date').press('Tab');
    await page.getByTestId('order-notes').fill('Deliver to dock 3');
    await page.getByTestId('order-special').fill('Palletise, max 500 kg per pallet');

    // Preview: 3 × 18.50 + 2 × 45.00 = 145.50, tax 7.22 + 11.70, total 164.42.
    await expect.poll(() => text(page, 'preview-subtotal')).toContain('145.50');
    expect(await text(page, 'preview-tax')).toContain('18.92');
    expect(await text(page, 'preview-total')).toContain('164.42');
    await screenshot(page, 'order-new-en');

    // A double click still places one order (Idempotency-Key).
    await page.getByTestId('order-submit').dblclick();
    await page.waitForURL(/\/orders\/(?!new)[^/]+$/);
    await expect.poll(() => status(page)).toBe('placed');
    expect(await text(page, 'order-grand-total')).toContain('164.42');
    expect(await page.getByTestId('order-line').count()).toBe(2);
    expect(await text(page, 'order-shipping-address')).toContain('88 Century Avenue');
    expect(await text(page, 'order-detail-special')).toContain('Palletise');
    await expect.poll(() => page.getByTestId('order-event').count()).toBe(1);
    const listed = await server.app.inject({ method: 'GET', url: `/api/v1/orders?customerId=${acme.id}`, headers: await server.asRole('admin') });
    expect((listed.json() as { data: unknown[] }).data).toHaveLength(1);

    // Confirm: the journey advances and the history has the move.
    expect(await page.getByTestId('journey-step').nth(1).getAttribute('data-done')).toBe('false');
    await transition(page, 'order-action-confirmed');
    await expect.poll(() => status(page)).toBe('confirmed');
    expect(await page.getByTestId('journey-step').nth(1).getAttribute('data-done')).toBe('true');
    await expect.poll(() => page.locator('[data-testid="order-event"][data-to="confirmed"]').count()).toBe(1);
    expect(await page.locator('[data-testid="order-event"][data-to="confirmed"]').textContent()).toContain('Demo Admin');
    await page.getByTestId('order-action-confirmed').waitFor({ state: 'detached' });

    // Hold needs a reason; releasing returns to confirmed.
    await page.getByTestId('order-action-on_hold').click();
    await page.getByTestId('transition-submit').click();
    await expect.poll(() => page.getByTestId('transition-reason').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('transition-reason').fill('Customer asked to wait for the new site');
    await page.getByTestId('transition-submit').click();
    await page.getByTestId('transition-modal').waitFor({ state: 'detached' });
    await expect.poll(() => status(page)).toBe('on_hold');
    expect(await page.getByTestId('order-held-from').getAttribute('data-from')).toBe('confirmed');
    await screenshot(page, 'order-detail-on-hold-en');
    await transition(page, 'order-action-release');
    await expect.poll(() => status(page)).toBe('confirmed');
    await expect.poll(() => page.getByTestId('order-event').count()).toBe(4);
    expect(await page.getByTestId('order-event-reason').first().textContent()).toContain('Customer asked to wait');
    await screenshot(page, 'order-detail-en');

    // The documents open as PDFs.
    const href = await page.getByTestId('order-doc-confirmation').getAttribute('href');
    expect(href).toMatch(/\/documents\/confirmation\.pdf$/);
    expect(await page.getByTestId('order-doc-packing-slip').getAttribute('target')).toBe('_blank');
    const pdf = await page.request.get(server.url + href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await context.close();
  });

  it('shows insufficient stock on the line and does not place the order', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.goto(server.url + '/orders/new');
    await page.getByTestId('order-customer').fill('Beijing');
    await page.getByRole('option', { name: /Beijing Precision Tools/ }).click();
    await pickLine(page, 0, 'GLV', /GLV-NIT-M/);
    await expect.poll(() => page.getByTestId('line').nth(0).getByTestId('line-available').getAttribute('data-available')).toBe('8');
    await page.getByTestId('line').nth(0).getByTestId('line-quantity').fill('20');
    await page.getByTestId('line').nth(0).getByTestId('line-short').waitFor();
    // The customer has no address: fill one in.
    await page.getByTestId('address-name').fill('王强');
    await page.getByTestId('address-line1').fill('朝阳区建国路 99 号');
    await page.getByTestId('address-city').fill('北京');
    await page.getByTestId('address-country').fill('CN');
    await page.getByTestId('order-requested-date').fill('2030-06-01');
    await page.getByTestId('order-requested-date').press('Tab');
    await page.getByTestId('order-submit').click();
    await expect.poll(() => page.getByTestId('order-form-error').getAttribute('data-code')).toBe('insufficient_stock');
    await expect.poll(() => page.getByTestId('line').nth(0).getByTestId('line-error').textContent()).toContain('GLV-NIT-M');
    await screenshot(page, 'order-new-insufficient-en');
    expect(page.url()).toMatch(/\/orders\/new$/);
    await context.close();
  });

  it('filters the list by status and by the quick views', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-orders').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(2);
    await expect.poll(() => text(page, 'nav-orders-count')).toBe('1');
    await choose(page, 'orders-filter-status', 'Confirmed');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    expect(await page.getByTestId('order-row').getAttribute('data-status')).toBe('confirmed');
    expect(page.url()).toContain('status=confirmed');

    await page.getByTestId('orders-view-overdue').click();
    await expect.poll(() => page.url()).toContain('overdue=true');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    expect(await page.getByTestId('order-row').getAttribute('data-number')).toBe(overdueOrder.number);
    expect(await page.getByTestId('order-due').getAttribute('data-overdue')).toBe('true');
    expect(await page.getByTestId('orders-view-overdue').getAttribute('data-active')).toBe('true');

    await page.getByTestId('orders-view-needsConfirmation').click();
    await expect.poll(() => page.url()).toContain('status=placed');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    await page.getByTestId('orders-view-all').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(2);
    await screenshot(page, 'orders-list-en');

    // A bookmarked view opens with its filters.
    await page.goto(server.url + '/orders?priority=urgent');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    expect(await page.getByTestId('orders-view-urgent').getAttribute('data-active')).toBe('true');
    await context.close();
  });

  it('saves the current filters as my own view, applies it from its chip and removes it', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-orders').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(2);
    await choose(page, 'orders-filter-priority', 'Urgent');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);

    await page.getByTestId('orders-save-view').click();
    await page.getByTestId('save-view-name').fill('My urgent');
    await screenshot(page, 'orders-save-view-modal');
    await page.getByTestId('save-view-submit').click();
    await page.getByTestId('save-view-modal').waitFor({ state: 'hidden' });
    const chip = page.locator('[data-testid="orders-saved-view"][data-name="My urgent"]');
    await expect.poll(() => chip.getAttribute('data-active')).toBe('true');
    await screenshot(page, 'orders-saved-view');

    // Away and back: the list starts unfiltered; the chip applies the saved filter.
    await page.getByTestId('nav-customers').click();
    await page.waitForURL(/\/customers/);
    await page.getByTestId('nav-orders').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(2);
    await expect.poll(() => chip.getAttribute('data-active')).toBe('false');
    await chip.getByTestId('orders-saved-view-apply').click();
    await expect.poll(() => page.url()).toContain('priority=urgent');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    expect(await page.getByTestId('order-row').getAttribute('data-number')).toBe(overdueOrder.number);
    expect(await chip.getAttribute('data-active')).toBe('true');

    // The same name again is refused in the modal.
    await page.getByTestId('orders-save-view').click();
    await page.getByTestId('save-view-name').fill('My urgent');
    await page.getByTestId('save-view-submit').click();
    await page.getByText('You already have a view with this name.').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('save-view-modal').waitFor({ state: 'hidden' });

    await chip.getByTestId('orders-saved-view-remove').click();
    await expect.poll(() => chip.count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    expect(await page.getByTestId('orders-saved-view').count()).toBe(0);
    await context.close();
  });

  it('shows the screens in Chinese and the list on a phone', async () => {
    const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
    await page.getByTestId('nav-orders').click();
    await expect.poll(() => text(page, 'page-title')).toBe('订单');
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(2);
    await screenshot(page, 'orders-list-zh-CN');
    await page.goto(server.url + `/orders/${overdueOrder.id}`);
    await expect.poll(() => status(page)).toBe('placed');
    await page.getByTestId('line-make-to-order').waitFor();
    await screenshot(page, 'order-detail-zh-CN');
    await page.goto(server.url + '/orders/new');
    await page.getByTestId('order-customer').fill('Acme');
    await page.getByRole('option', { name: /Acme Robotics/ }).click();
    await pickLine(page, 0, 'PMP', /PMP-CDL4/);
    await page.getByTestId('line-not-tracked').waitFor();
    await screenshot(page, 'order-new-zh-CN');
    await context.close();

    for (const locale of ['en', 'zh-CN'] as const) {
      const phone = await signedInPage(browser, server, { locale, width: 390, height: 844, mobile: true });
      await phone.page.goto(server.url + '/orders');
      await phone.page.getByTestId('order-row').first().waitFor();
      await expectNoHorizontalOverflow(phone.page);
      await screenshot(phone.page, `orders-list-phone-${locale}`);
      await phone.page.goto(server.url + `/orders/${overdueOrder.id}`);
      await phone.page.getByTestId('order-journey').waitFor();
      await expectNoHorizontalOverflow(phone.page);
      await screenshot(phone.page, `order-detail-phone-${locale}`);
      await phone.context.close();
    }
  });

  it('shows the warehouse only the floor actions and no priced documents', async () => {
    const listed = await server.app.inject({ method: 'GET', url: `/api/v1/orders?customerId=${acme.id}&status=confirmed`, headers: await server.asRole('admin') });
    const confirmed = (listed.json() as { data: Order[] }).data[0]!;
    const { context, page } = await signedInPage(browser, server, { email: 'warehouse@example.com' });
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('order-row').first().waitFor();
    expect(await page.getByTestId('orders-new').count()).toBe(0);
    await page.goto(server.url + `/orders/${confirmed.id}`);
    await expect.poll(() => status(page)).toBe('confirmed');
    await page.getByTestId('order-action-in_production').waitFor();
    const actions = await page.locator('[data-testid^="order-action-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-to')));
    expect(actions.sort()).toEqual(['in_production', 'on_hold', 'quality_check', 'ready_to_ship']);
    expect(await page.getByTestId('order-doc-invoice').count()).toBe(0);
    await page.getByTestId('order-doc-packing-slip').waitFor();
    await transition(page, 'order-action-in_production');
    await expect.poll(() => status(page)).toBe('in_production');
    await context.close();
  });

  it('reloads an order changed elsewhere (412) and offers the moves of its new state', async () => {
    const order = await apiCall<Order>(server, 'POST', '/api/v1/orders', {
      customerId: acme.id,
      currency: 'CNY',
      lines: [{ sku: 'BRG-6205', quantity: 1 }],
      shippingAddress: address,
      requestedDeliveryDate: '2031-01-15',
    }, 201);
    const { context, page } = await signedInPage(browser, server);
    await page.goto(server.url + `/orders/${order.id}`);
    await page.getByTestId('order-action-confirmed').waitFor();
    // Someone else confirms it meanwhile.
    await apiCall(server, 'POST', `/api/v1/orders/${order.id}/transitions`, { to: 'confirmed' }, 200);
    await page.getByTestId('order-action-confirmed').click();
    await page.getByTestId('transition-submit').click();
    await expect.poll(() => page.getByTestId('transition-error').getAttribute('data-code')).toBe('version_conflict');
    await expect.poll(() => status(page)).toBe('confirmed');
    await page.keyboard.press('Escape');
    await page.getByTestId('order-action-confirmed').waitFor({ state: 'detached' });
    await page.getByTestId('order-action-in_production').waitFor();
    await context.close();
  });

  it("shows a customer's latest orders on the customer page, and all of them in the list", async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.goto(server.url + `/customers/${beijing.id}`);
    const card = page.getByTestId('customer-orders');
    await expect.poll(() => card.getByTestId('customer-order').count()).toBe(1);
    expect(await card.getByTestId('customer-order').getAttribute('data-id')).toBe(overdueOrder.id);
    expect(await card.textContent()).toContain(overdueOrder.number);
    await screenshot(page, 'customer-orders-en');
    await card.getByTestId('customer-orders-all').click();
    await expect.poll(() => page.url()).toContain(`customerId=${beijing.id}`);
    // The list holds Acme's orders too; the link shows this customer's alone.
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    expect(await page.getByTestId('order-row').getAttribute('data-number')).toBe(overdueOrder.number);

    const newcomer = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Hangzhou Newcomer Ltd', email: 'hello@newcomer.cn' }, 201);
    await page.goto(server.url + `/customers/${newcomer.id}`);
    await expect.poll(() => page.getByTestId('customer-orders').textContent()).toContain('No orders yet.');
    expect(await page.getByTestId('customer-orders-all').count()).toBe(0);
    await context.close();

    const zh = await signedInPage(browser, server, { locale: 'zh-CN' });
    await zh.page.goto(server.url + `/customers/${beijing.id}`);
    await expect.poll(() => zh.page.getByTestId('customer-orders-all').textContent()).toBe('该客户的全部订单');
    await screenshot(zh.page, 'customer-orders-zh-CN');
    await zh.context.close();
  });
});
