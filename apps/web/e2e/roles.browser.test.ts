import type { Browser } from 'playwright-core';
import type { Customer } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, shot as screenshot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let customer: Customer;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const users = await server.app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: await server.asRole('admin') });
  const sales = (users.json() as { data: { id: string; email: string }[] }).data.find((u) => u.email === 'sales@example.com');
  customer = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Harbour Marine Ltd', accountManagerId: sales?.id }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'ROPE-12', name: 'Mooring rope 12 mm', unitPrice: 2599, currency: 'GBP' }, 201);
  const warehouse = await apiCall<{ id: string }>(server, 'POST', '/api/v1/warehouses', { code: 'LON', name: 'London' }, 201);
  await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku: 'ROPE-12', warehouseId: warehouse.id, quantity: 10, kind: 'receipt', reason: 'Opening stock' }, 201);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Buttons for what a role may not do are hidden, instead of ending in a 403. */
describe('back office by role', () => {
  it('finance reads customers but cannot change them; the account manager shows by name', async () => {
    const { context, page } = await signedInPage(browser, server, { email: 'finance@example.com' });
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-row').first().waitFor();
    for (const hidden of ['customers-new', 'customers-import', 'customers-export']) {
      expect(await page.getByTestId(hidden).count(), hidden).toBe(0);
    }
    // Every role may read the staff directory, so the account-manager filter is there for finance too.
    expect(await page.getByTestId('customers-filter-manager').count()).toBe(1);
    expect(await page.getByTestId('customer-row').first().textContent()).toContain('Li Na');
    await page.getByTestId('customer-row').first().click();
    await page.getByTestId('customer-profile').waitFor();
    expect(await page.getByTestId('customer-edit').count()).toBe(0);
    expect(await page.getByTestId('customer-profile').textContent()).toContain('Li Na');
    expect(page.url()).toContain(customer.id);
    await context.close();
  });

  it('warehouse staff adjust stock but do not edit products or warehouses', async () => {
    const { context, page } = await signedInPage(browser, server, { email: 'warehouse@example.com' });
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-row').first().waitFor();
    expect(await page.getByTestId('stock-adjust-new').count()).toBe(1);
    expect(await page.getByTestId('stock-adjust').count()).toBe(1);
    await page.getByTestId('nav-products').click();
    await page.getByTestId('product-row').first().waitFor();
    expect(await page.getByTestId('products-new').count()).toBe(0);
    await page.getByTestId('nav-warehouses').click();
    await page.getByTestId('warehouse-row').first().waitFor();
    expect(await page.getByTestId('warehouses-new').count()).toBe(0);
    await context.close();
  });

  it('sales can create customers but not adjust stock', async () => {
    const { context, page } = await signedInPage(browser, server, { email: 'sales@example.com', locale: 'zh-CN' });
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-new').waitFor();
    expect(await page.getByTestId('customers-import').count()).toBe(1);
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-row').first().waitFor();
    expect(await page.getByTestId('stock-adjust-new').count()).toBe(0);
    expect(await page.getByTestId('stock-adjust').count()).toBe(0);
    expect(await page.getByTestId('stock-movements').count()).toBe(1);
    await screenshot(page, 'stock-sales-zh-CN');
    await context.close();
  });
});
