import type { Browser, Page } from 'playwright-core';
import type { Customer, Order, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, shot as screenshot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let acme: Customer;

const address = { name: 'Li Na', company: 'Acme Robotics', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN', phone: '+86 21 5555 0101' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SH1', name: 'Shanghai Pudong' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'BRG-6205', name: 'Deep groove ball bearing 6205-2RS', nameZh: '深沟球轴承 6205-2RS', unitPrice: 1850, currency: 'CNY', taxRate: 13, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'GLV-NIT-M', name: 'Nitrile gloves, size M', nameZh: '丁腈手套 M 号', unitPrice: 4500, currency: 'CNY', taxRate: 13, unit: 'box' }, 201);
  for (const [sku, quantity] of [['BRG-6205', 50], ['GLV-NIT-M', 20]] as const) {
    await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku, warehouseId: wh.id, quantity, kind: 'receipt', reason: 'Opening stock' }, 201);
  }
  acme = await apiCall<Customer>(server, 'POST', '/api/v1/customers', {
    kind: 'business',
    name: 'Acme Robotics',
    email: 'buyer@acme-robotics.cn',
    addresses: [{ kind: 'shipping', isDefault: true, ...address }],
  }, 201);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

function placeOrder(lines: { sku: string; quantity: number }[]): Promise<Order> {
  return apiCall<Order>(server, 'POST', '/api/v1/orders', { customerId: acme.id, currency: 'CNY', lines, shippingAddress: address, requestedDeliveryDate: '2031-01-15' }, 201);
}

async function openEdit(page: Page, order: Order) {
  await page.goto(server.url + `/orders/${order.id}`);
  await page.getByTestId('order-edit').click();
  await page.getByTestId('order-edit-form').waitFor();
  // The prefilled lines know their product (availability shows).
  await expect.poll(() => page.getByTestId('line-available').count()).toBe(order.lines.length);
}

describe('editing orders in the back office', () => {
  it('applies an edit of a placed order at once', async () => {
    const order = await placeOrder([{ sku: 'BRG-6205', quantity: 2 }]);
    const { context, page } = await signedInPage(browser, server);
    await openEdit(page, order);
    expect(await page.getByTestId('address-line1').inputValue()).toBe('88 Century Avenue');
    // Its own 2 units count as available to it (50 on hand).
    expect(await page.getByTestId('line-available').first().getAttribute('data-available')).toBe('50');
    await page.getByTestId('line').nth(0).getByTestId('line-quantity').fill('4');
    await expect.poll(() => text(page, 'preview-total')).toContain('83.62');
    expect(await page.getByTestId('order-edit-needs-approval').count()).toBe(0);
    await page.getByTestId('order-edit-submit').click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    await expect.poll(() => page.getByTestId('order-edit-note').getAttribute('data-note')).toBe('applied');
    expect(await text(page, 'line-quantity')).toBe('4');
    expect(await text(page, 'order-grand-total')).toContain('83.62');
    expect(await page.getByTestId('order-balance').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="order-event"][data-type="changed"]').count()).toBe(1);
    await context.close();
  });

  it('sends a total change of a confirmed order for approval, then records the approval', async () => {
    const order = await placeOrder([{ sku: 'BRG-6205', quantity: 2 }, { sku: 'GLV-NIT-M', quantity: 1 }]);
    await apiCall(server, 'POST', `/api/v1/orders/${order.id}/transitions`, { to: 'confirmed' }, 200);
    const { context, page } = await signedInPage(browser, server);
    await openEdit(page, order);
    // 2 × 18.50 + 1 × 45.00 = 82.00 + 10.66 tax = 92.66 → 2 × 18.50 + 3 × 45.00 = 172.00 + 22.36 = 194.36.
    await page.getByTestId('line').nth(1).getByTestId('line-quantity').fill('3');
    await page.getByTestId('order-notes').fill('Customer asked for two more boxes');
    await expect.poll(() => text(page, 'preview-total')).toContain('194.36');
    expect(await text(page, 'preview-current-total')).toContain('92.66');
    await page.getByTestId('order-edit-needs-approval').waitFor();
    await screenshot(page, 'order-edit-en');
    await page.getByTestId('order-edit-submit').click();
    await page.waitForURL(/\/orders\/[^/]+$/);

    // Nothing applied yet: the card shows before → after and the difference.
    await expect.poll(() => page.getByTestId('order-edit-note').getAttribute('data-note')).toBe('pending');
    await page.getByTestId('order-pending-change').waitFor();
    expect(await text(page, 'change-total-before')).toContain('92.66');
    expect(await text(page, 'change-total-after')).toContain('194.36');
    expect(await page.getByTestId('change-difference').getAttribute('data-amount')).toBe('10170');
    expect(await text(page, 'order-pending-change')).toContain('Amount due from the customer');
    expect(await page.locator('[data-testid="change-line"][data-sku="GLV-NIT-M"]').getAttribute('data-quantity')).toBe('3');
    expect(await text(page, 'change-other-fields')).toContain('Notes');
    expect(await text(page, 'order-grand-total')).toContain('92.66');
    expect(await page.getByTestId('order-edit').count()).toBe(0);
    await screenshot(page, 'order-pending-change-en');

    await page.getByTestId('change-note').fill('Approved by phone');
    await page.getByTestId('change-approve').click();
    await page.getByTestId('order-pending-change').waitFor({ state: 'detached' });
    await expect.poll(() => text(page, 'order-grand-total')).toContain('194.36');
    expect(await page.locator('[data-testid="order-line"][data-sku="GLV-NIT-M"] [data-testid="line-quantity"]').textContent()).toBe('3');
    expect(await page.getByTestId('order-balance').getAttribute('data-amount')).toBe('10170');
    expect(await text(page, 'order-balance')).toContain('Amount due from the customer');
    expect(await text(page, 'order-balance-amount')).toContain('101.70');
    expect(await text(page, 'order-detail-notes')).toContain('two more boxes');
    await expect.poll(() => page.locator('[data-testid="order-event"][data-type="change_approved"]').count()).toBe(1);
    await page.getByTestId('order-edit').waitFor();
    expect(await page.getByTestId('order-edit-note').count()).toBe(0);
    await screenshot(page, 'order-after-approval-en');
    await context.close();
  });

  it('shows the edit form and the pending change in Chinese, and records a decline', async () => {
    const order = await placeOrder([{ sku: 'BRG-6205', quantity: 5 }]);
    await apiCall(server, 'POST', `/api/v1/orders/${order.id}/transitions`, { to: 'confirmed' }, 200);
    const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
    await openEdit(page, order);
    await page.getByTestId('line').nth(0).getByTestId('line-quantity').fill('2');
    await page.getByTestId('order-edit-needs-approval').waitFor();
    await screenshot(page, 'order-edit-zh-CN');
    await page.getByTestId('order-edit-submit').click();
    await page.getByTestId('order-pending-change').waitFor();
    expect(await text(page, 'order-pending-change')).toContain('等待客户审批的变更');
    expect(await text(page, 'order-pending-change')).toContain('应退还客户金额');
    expect(Number(await page.getByTestId('change-difference').getAttribute('data-amount'))).toBeLessThan(0);
    await screenshot(page, 'order-pending-change-zh-CN');
    await page.getByTestId('change-decline').click();
    await page.getByTestId('order-pending-change').waitFor({ state: 'detached' });
    expect(await text(page, 'line-quantity')).toBe('5');
    expect(await page.getByTestId('order-balance').count()).toBe(0);
    await page.getByTestId('order-edit').waitFor();
    await context.close();
  });

  it('maps a stale edit (412) to a reload', async () => {
    const order = await placeOrder([{ sku: 'BRG-6205', quantity: 1 }]);
    const { context, page } = await signedInPage(browser, server);
    await openEdit(page, order);
    await apiCall(server, 'PATCH', `/api/v1/orders/${order.id}`, { priority: 'high' }, 200, { 'if-match': `"${order.version}"` });
    await page.getByTestId('line').nth(0).getByTestId('line-quantity').fill('2');
    await page.getByTestId('order-edit-submit').click();
    await expect.poll(() => text(page, 'order-form-error')).toContain('Someone else changed this order');
    await page.getByTestId('order-edit-reload').click();
    await expect.poll(() => page.getByTestId('order-form-error').count()).toBe(0);
    expect(await page.getByTestId('line').nth(0).getByTestId('line-quantity').inputValue()).toBe('1');
    await context.close();
  });
});
