import type { Browser, Page } from 'playwright-core';
import type { Customer, Order, Shipment, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, choose, shot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let acme: Customer;
let order: Order;
let urgent: Order;

const address = { name: 'Li Na', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' };

async function confirmed(body: Record<string, unknown>): Promise<Order> {
  const o = await apiCall<Order>(server, 'POST', '/api/v1/orders', { customerId: acme.id, currency: 'CNY', shippingAddress: address, requestedDeliveryDate: '2026-12-20', paymentTerms: { method: 'net', netDays: 30 }, ...body }, 201);
  return apiCall<Order>(server, 'POST', `/api/v1/orders/${o.id}/transitions`, { to: 'confirmed' }, 200);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SH1', name: 'Shanghai Pudong' }, 201);
  await apiCall(server, 'POST', '/api/v1/carriers', { code: 'SF', name: 'SF Express', trackingUrlTemplate: 'https://www.sf-express.com/chn/en/waybill/waybill-detail/{trackingNumber}' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'BRG-6205', name: 'Deep groove ball bearing 6205-2RS', nameZh: '深沟球轴承 6205-2RS', unitPrice: 1850, currency: 'CNY', taxRate: 13, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'GLV-NIT-M', name: 'Nitrile gloves, size M', nameZh: '丁腈手套 M 号', unitPrice: 4500, currency: 'CNY', taxRate: 13, unit: 'box' }, 201);
  for (const sku of ['BRG-6205', 'GLV-NIT-M']) await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku, warehouseId: wh.id, quantity: 50, kind: 'receipt', reason: 'Opening stock' }, 201);
  acme = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Acme Robotics' }, 201);
  order = await confirmed({ lines: [{ sku: 'BRG-6205', quantity: 5 }, { sku: 'GLV-NIT-M', quantity: 2 }], priority: 'normal' });
  urgent = await confirmed({ lines: [{ sku: 'GLV-NIT-M', quantity: 1 }], priority: 'urgent', requestedDeliveryDate: '2026-12-24' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const orderStatus = (page: Page) => page.getByTestId('order-title').locator('..').getByTestId('order-status').first().getAttribute('data-status');

describe('shipments in the back office', () => {
  it('ships part of an order, tracks it, confirms delivery with the signer, and shows the fulfilment queue', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.goto(`${server.url}/orders/${order.id}`);
    await page.getByTestId('order-shipments').waitFor();
    await page.getByTestId('shipments-empty').waitFor(); // no shipment yet

    // Create a partial shipment: 3 of the 5 bearings, no gloves.
    await page.getByTestId('shipment-create').click();
    await page.getByTestId('shipment-submit').waitFor();
    await page.getByTestId('shipment-qty-BRG-6205').fill('3');
    await page.getByTestId('shipment-qty-GLV-NIT-M').fill('0');
    await choose(page, 'shipment-carrier', 'SF Express');
    await page.getByTestId('shipment-tracking').fill('SF1234567890');
    await page.getByTestId('shipment-service').fill('Standard Express');
    await shot(page, 'shipment-create-en');
    await page.getByTestId('shipment-submit').click();
    await page.getByTestId('shipment-modal').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('shipment').count()).toBe(1);
    await expect.poll(() => orderStatus(page)).toBe('partially_shipped');
    expect(await page.getByTestId('shipment-tracking-link').getAttribute('href')).toBe('https://www.sf-express.com/chn/en/waybill/waybill-detail/SF1234567890');
    expect(await page.getByTestId('shipment-lines-summary').textContent()).toBe('BRG-6205 × 3');
    // The lines show what has left: 3 of the bearings, none of the gloves.
    await expect.poll(() => page.locator('[data-testid="order-line"][data-sku="BRG-6205"] [data-testid="line-shipped"]').getAttribute('data-shipped')).toBe('3');
    expect(await page.locator('[data-testid="order-line"][data-sku="GLV-NIT-M"] [data-testid="line-shipped"]').count()).toBe(0);

    // An in-transit event.
    await page.getByTestId('shipment-add-event').click();
    await page.getByTestId('shipment-event-submit').waitFor();
    await page.getByTestId('shipment-event-location').fill('Shanghai hub');
    await page.getByTestId('shipment-event-submit').click();
    await page.getByTestId('shipment-event-modal').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('shipment').first().getAttribute('data-status')).toBe('in_transit');

    // Confirming delivery needs the signer.
    await page.getByTestId('shipment-deliver').click();
    await page.getByTestId('shipment-event-submit').waitFor();
    await page.getByTestId('shipment-event-submit').click();
    await page.getByText('Enter the name of the person who signed.').waitFor();
    await page.getByTestId('shipment-signed-by').fill('Li Na');
    await page.getByTestId('shipment-event-submit').click();
    await page.getByTestId('shipment-event-modal').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('shipment').first().getAttribute('data-status')).toBe('delivered');
    expect(await page.getByTestId('shipment-delivered').textContent()).toContain('Li Na');
    expect(await page.getByTestId('shipment-event').count()).toBe(2);
    expect(await orderStatus(page)).toBe('partially_shipped'); // 2 bearings and the gloves still to ship
    await shot(page, 'shipments-order-en');

    // The rest leaves (through the API); once it is delivered in the UI the order is delivered.
    const rest = await apiCall<Shipment>(server, 'POST', `/api/v1/orders/${order.id}/shipments`, { lines: order.lines.map((l) => ({ lineId: l.id, quantity: 2 })), carrier: 'SF' }, 201);
    await page.reload();
    await expect.poll(() => orderStatus(page)).toBe('shipped');
    await page.locator(`[data-testid="shipment"][data-id="${rest.id}"]`).getByTestId('shipment-deliver').click();
    await page.getByTestId('shipment-signed-by').fill('Reception');
    await page.getByTestId('shipment-event-submit').click();
    await page.getByTestId('shipment-event-modal').waitFor({ state: 'detached' });
    await expect.poll(() => orderStatus(page)).toBe('delivered');
    expect(await page.getByTestId('shipment-create').count()).toBe(0);

    // The warehouse queue: the urgent order waits; the delivered one is gone.
    await page.getByTestId('nav-fulfilment').click();
    await page.getByTestId('fulfilment-row').first().waitFor();
    expect(await page.getByTestId('fulfilment-row').first().getAttribute('data-order')).toBe(urgent.id);
    // One header row whose cells line up with the body's.
    expect(await page.locator('[data-testid="fulfilment-queue"] thead tr').count()).toBe(1);
    expect(await page.locator('[data-testid="fulfilment-queue"] thead th').count()).toBe(await page.getByTestId('fulfilment-row').first().locator('td').count());
    expect(await page.locator(`[data-testid="fulfilment-row"][data-order="${order.id}"]`).count()).toBe(0);
    await shot(page, 'fulfilment-queue-en');
    await context.close();
  });

  it('shows the shipments card, the forms and the queue in Chinese', async () => {
    const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
    await page.goto(`${server.url}/orders/${order.id}`);
    await page.getByTestId('order-shipments').waitFor();
    await expect.poll(() => page.getByTestId('order-shipments').getByRole('heading').first().textContent()).toBe('发货');
    await expect.poll(() => page.getByTestId('shipment-status').first().textContent()).toBe('已送达');
    await shot(page, 'shipments-order-zh-CN');
    await page.goto(`${server.url}/orders/${urgent.id}`);
    await page.getByTestId('shipment-create').click();
    await page.getByTestId('shipment-submit').waitFor();
    expect(await page.getByTestId('shipment-submit').textContent()).toBe('创建发货');
    await shot(page, 'shipment-create-zh-CN');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-fulfilment').click();
    await page.getByTestId('fulfilment-row').first().waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('发货队列');
    await shot(page, 'fulfilment-queue-zh-CN');
    await context.close();
  });
});
