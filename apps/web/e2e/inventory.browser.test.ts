import type { Browser, Page } from 'playwright-core';
import type { Product, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../../server/src/modules/inventory/index.js';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, choose, expectNoHorizontalOverflow, shot as screenshot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();
const stockRow = (page: Page, sku: string) => page.locator(`[data-testid="stock-row"][data-sku="${sku}"]`);

/** Fills and sends the adjustment modal (opened by the caller). */
async function adjust(page: Page, input: { warehouse?: RegExp; sku?: string; kind: string | RegExp; quantity: string; reason: string }) {
  await page.getByTestId('adjust-submit').waitFor();
  if (input.warehouse) await choose(page, 'adjust-warehouse', input.warehouse);
  if (input.sku) {
    await page.getByTestId('adjust-sku').fill(input.sku);
    await page.getByTestId('adjust-sku').press('Escape');
  }
  await choose(page, 'adjust-kind', input.kind);
  await page.getByTestId('adjust-quantity').fill(input.quantity);
  await page.getByTestId('adjust-reason').fill(input.reason);
  await page.getByTestId('adjust-submit').click();
}

describe('catalog and inventory in the back office', () => {
  it('creates a warehouse and products, lists and edits them, and refuses a taken SKU on the field', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-warehouses').click();
    await page.getByTestId('warehouses-table-empty').waitFor();
    await page.getByTestId('warehouses-new').click();
    await page.getByTestId('warehouse-code').fill('sh1');
    await page.getByTestId('warehouse-name').fill('Shanghai Pudong');
    await page.getByTestId('warehouse-address').fill('1388 Jinqiao Road, Pudong, Shanghai');
    await screenshot(page, 'warehouse-create-en');
    await page.getByTestId('warehouse-submit').click();
    await expect.poll(() => page.locator('[data-testid="warehouse-row"][data-code="SH1"]').count()).toBe(1);
    // A taken code is refused on the field.
    await page.getByTestId('warehouses-new').click();
    await page.getByTestId('warehouse-code').fill('SH1');
    await page.getByTestId('warehouse-name').fill('Again');
    await page.getByTestId('warehouse-submit').click();
    await expect.poll(() => page.getByTestId('warehouse-code').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await screenshot(page, 'warehouses-en');

    await page.getByTestId('nav-products').click();
    await page.getByTestId('products-table-empty').waitFor();
    await page.getByTestId('products-new').click();
    await page.getByTestId('product-sku').fill('BRG-6205');
    await page.getByTestId('product-name').fill('Deep groove ball bearing 6205-2RS');
    await page.getByTestId('product-name-zh').fill('深沟球轴承 6205-2RS');
    await page.getByTestId('product-model').fill('6205-2RS');
    await page.getByTestId('product-spec').fill('25 × 52 × 15 mm, sealed');
    await page.getByTestId('product-price').fill('18.5');
    await page.getByTestId('product-allowBackorder').check();
    await screenshot(page, 'product-form-en');
    await page.getByTestId('product-submit').click();
    await page.waitForURL(/\/products\/prd_[^/]+$|\/products\/[^/]+$/);
    await expect.poll(() => text(page, 'product-title')).toBe('Deep groove ball bearing 6205-2RS');
    expect(await text(page, 'product-price')).toMatch(/18\.50/);
    await page.getByTestId('flag-backorder').waitFor();

    // Edit with If-Match: the price changes.
    await page.getByTestId('product-edit').click();
    await expect.poll(() => page.getByTestId('product-price').inputValue()).toBe('18.50');
    await page.getByTestId('product-price').fill('19.9');
    await page.getByTestId('product-submit').click();
    await expect.poll(() => text(page, 'product-price')).toMatch(/19\.90/);

    // A second product, then a taken SKU.
    await apiCall<Product>(server, 'POST', '/api/v1/products', { sku: 'GLV-NIT-M', name: 'Nitrile gloves, size M', nameZh: '丁腈手套 M 号', unitPrice: 4500, currency: 'CNY', taxRate: 13, unit: 'box', makeToOrder: false, trackInventory: true }, 201);
    await apiCall<Product>(server, 'POST', '/api/v1/products', { sku: 'SVC-INSTALL', name: 'Installation service', unitPrice: 120000, currency: 'CNY', taxRate: 6, unit: 'job', trackInventory: false, makeToOrder: true }, 201);
    await page.getByTestId('nav-products').click();
    await expect.poll(() => page.getByTestId('product-row').count()).toBe(3);
    const service = page.locator('[data-testid="product-row"][data-sku="SVC-INSTALL"]');
    expect(await service.textContent()).toContain('Make to order');
    expect(await service.textContent()).toContain('Not tracked');
    await screenshot(page, 'products-list-en');
    await page.getByTestId('products-search').fill('bearing');
    await expect.poll(() => page.getByTestId('product-row').count()).toBe(1);

    await page.getByTestId('products-new').click();
    await page.getByTestId('product-sku').fill('BRG-6205');
    await page.getByTestId('product-name').fill('Another bearing');
    await page.getByTestId('product-price').fill('1');
    await page.getByTestId('product-submit').click();
    await expect.poll(() => page.getByTestId('product-sku').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('product-form-error').getAttribute('data-code')).toBe('duplicate_sku');
    await screenshot(page, 'product-form-duplicate-en');
    await context.close();
  });

  it('adjusts stock, refuses going below zero, lists movements, warns below thresholds and lists low stock', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-table-empty').waitFor();

    // Receipt of 50: the level appears with 50 available.
    await page.getByTestId('stock-adjust-new').click();
    await adjust(page, { warehouse: /SH1/, sku: 'BRG-6205', kind: 'Receipt', quantity: '50', reason: 'PO 1001 received' });
    await expect.poll(() => stockRow(page, 'BRG-6205').count()).toBe(1);
    expect(await stockRow(page, 'BRG-6205').getByTestId('stock-available').textContent()).toBe('50');
    expect(await stockRow(page, 'BRG-6205').getByTestId('stock-on-hand').textContent()).toBe('50');

    // Taking away 80 would go below zero: refused, explained, nothing changed.
    await stockRow(page, 'BRG-6205').getByTestId('stock-adjust').click();
    await adjust(page, { kind: 'Adjustment', quantity: '-80', reason: 'Stock count' });
    await expect.poll(() => page.getByTestId('adjust-error').getAttribute('data-code')).toBe('insufficient_stock');
    expect(await text(page, 'adjust-error')).toContain('at most 50 can be removed');
    expect(await page.getByTestId('adjust-quantity').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'stock-adjust-insufficient-en');
    await page.keyboard.press('Escape');
    expect(await stockRow(page, 'BRG-6205').getByTestId('stock-available').textContent()).toBe('50');

    // A small correction goes through.
    await stockRow(page, 'BRG-6205').getByTestId('stock-adjust').click();
    await adjust(page, { kind: 'Adjustment', quantity: '-2', reason: 'Damaged in handling' });
    await expect.poll(() => stockRow(page, 'BRG-6205').getByTestId('stock-available').textContent()).toBe('48');

    // The ledger lists both movements, newest first.
    await stockRow(page, 'BRG-6205').getByTestId('stock-movements').click();
    await page.waitForURL(/\/inventory\/movements\?/);
    await expect.poll(() => page.getByTestId('movement-row').count()).toBe(2);
    expect(await page.getByTestId('movement-row').nth(0).getAttribute('data-kind')).toBe('adjustment');
    expect(await page.getByTestId('movement-row').nth(1).getAttribute('data-kind')).toBe('receipt');
    expect(await page.getByTestId('movement-quantity').nth(1).textContent()).toBe('+50');
    expect(await page.getByTestId('movement-reason').nth(1).textContent()).toBe('PO 1001 received');
    expect(await page.getByTestId('movement-row').nth(1).textContent()).toContain('Demo Admin');
    await screenshot(page, 'movements-en');

    // Gloves: safety stock above available is a warning (orange), not yet a reorder.
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-adjust-new').click();
    await adjust(page, { warehouse: /SH1/, sku: 'GLV-NIT-M', kind: 'Receipt', quantity: '30', reason: 'Opening stock' });
    await expect.poll(() => stockRow(page, 'GLV-NIT-M').count()).toBe(1);
    await stockRow(page, 'GLV-NIT-M').getByTestId('stock-thresholds').click();
    await page.getByTestId('thresholds-safety').fill('40');
    await page.getByTestId('thresholds-reorder').fill('10');
    await page.getByTestId('thresholds-submit').click();
    await stockRow(page, 'GLV-NIT-M').getByTestId('stock-below-safety').waitFor();

    // Bearings: a reorder point above available puts them on the low-stock list (red).
    await stockRow(page, 'BRG-6205').getByTestId('stock-thresholds').click();
    await page.getByTestId('thresholds-safety').fill('20');
    await page.getByTestId('thresholds-reorder').fill('60');
    await screenshot(page, 'stock-thresholds-en');
    await page.getByTestId('thresholds-submit').click();
    await stockRow(page, 'BRG-6205').getByTestId('stock-below-reorder').waitFor();
    await screenshot(page, 'stock-en');

    await expect.poll(() => text(page, 'nav-low-stock-count')).toBe('1');
    await page.getByTestId('nav-low-stock').click();
    await expect.poll(() => page.getByTestId('stock-row').count()).toBe(1);
    expect(await page.getByTestId('stock-row').getAttribute('data-sku')).toBe('BRG-6205');
    await screenshot(page, 'low-stock-en');

    // The product page shows its stock per warehouse and links to its movements.
    await page.getByTestId('stock-row').getByRole('link', { name: 'BRG-6205' }).click();
    await page.getByTestId('product-stock-table').waitFor();
    expect(await page.getByTestId('product-stock-table').getByTestId('stock-available').textContent()).toBe('48');
    await screenshot(page, 'product-detail-en');
    await page.getByTestId('product-movements').click();
    await expect.poll(() => page.getByTestId('movement-row').count()).toBe(2);
    await context.close();
  });

  it('shows the screens in Chinese and fits the lists on a phone', async () => {
    // The demo catalog (50 products, 3 warehouses, some low stock) on its own server.
    const demo = await startServer();
    try {
      expect(await seedDemoCatalog(demo.deps)).toBe(true);
      await chineseAndPhoneScreens(demo);
    } finally {
      await demo.close();
    }
  });
});

async function chineseAndPhoneScreens(demo: Server): Promise<void> {
  const { context, page } = await signedInPage(browser, demo, { locale: 'zh-CN' });
  await page.getByTestId('nav-products').click();
  await expect.poll(() => text(page, 'page-title')).toBe('产品');
  await expect.poll(() => page.getByTestId('product-row').count()).toBeGreaterThan(10);
  await screenshot(page, 'products-list-zh-CN');
  const warehouses = await demo.app.inject({ method: 'GET', url: '/api/v1/warehouses', headers: await demo.asRole('admin') });
  const sh = (warehouses.json() as { data: Warehouse[] }).data.find((w) => w.code === 'SH-01');
  expect(sh).toBeDefined();

  // A product with a Chinese name shows it.
  await page.getByTestId('products-search').fill('BRG');
  await expect.poll(() => page.getByTestId('product-row').first().getAttribute('data-sku')).toMatch(/^BRG-/);
  await page.getByTestId('product-row').first().click();
  await page.getByTestId('product-stock-table').waitFor();
  await screenshot(page, 'product-detail-zh-CN');
  await page.getByTestId('product-edit').click();
  await page.getByTestId('product-form').waitFor();
  await screenshot(page, 'product-edit-zh-CN');

  await page.getByTestId('nav-stock').click();
  await expect.poll(() => page.getByTestId('stock-row').count()).toBeGreaterThan(10);
  await screenshot(page, 'stock-zh-CN');
  await page.getByTestId('stock-row').first().getByTestId('stock-adjust').click();
  await page.getByTestId('adjust-submit').waitFor();
  await screenshot(page, 'stock-adjust-zh-CN');
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-low-stock').click();
  await expect.poll(() => page.getByTestId('stock-row').count()).toBe(5);
  expect(await text(page, 'nav-low-stock-count')).toBe('5');
  await screenshot(page, 'low-stock-zh-CN');
  await page.goto(demo.url + `/inventory/movements?warehouseId=${sh!.id}`);
  await expect.poll(() => page.getByTestId('movement-row').count()).toBeGreaterThan(5);
  await screenshot(page, 'movements-zh-CN');
  await page.getByTestId('nav-warehouses').click();
  await expect.poll(() => page.getByTestId('warehouse-row').count()).toBe(3);
  await screenshot(page, 'warehouses-zh-CN');
  await context.close();

  for (const locale of ['en', 'zh-CN'] as const) {
    const phone = await signedInPage(browser, demo, { locale, width: 390, height: 844, mobile: true });
    for (const [path, row, name] of [
      ['/products', 'product-row', 'products-list'],
      ['/inventory', 'stock-row', 'stock'],
      ['/inventory/low-stock', 'stock-row', 'low-stock'],
      ['/inventory/movements', 'movement-row', 'movements'],
      ['/warehouses', 'warehouse-row', 'warehouses'],
    ] as const) {
      await phone.page.goto(demo.url + path);
      await phone.page.getByTestId(row).first().waitFor();
      await expectNoHorizontalOverflow(phone.page);
      await screenshot(phone.page, `${name}-phone-${locale}`);
    }
    await phone.context.close();
  }
}
