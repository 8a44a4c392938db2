import type { Browser, Page } from 'playwright-core';
import type { Customer } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCustomers } from '../../server/src/modules/customers/index.js';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, choose, drainUntil, expectNoHorizontalOverflow, shot as screenshot, signedInPage, type Server } from './support/backoffice.js';

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

/** Timeline entries appear once the outbox worker has run: drain, reload, look. */
async function expectTimelineEntry(page: Page, type: string): Promise<void> {
  await drainUntil(server, async () => {
    await page.reload();
    await page.getByTestId('customer-timeline').waitFor();
    await page.getByTestId('timeline-entry').first().or(page.getByTestId('timeline-empty')).waitFor();
    return (await page.locator(`[data-testid="timeline-entry"][data-type="${type}"]`).count()) > 0;
  });
}

describe('customers in the back office', () => {
  it('creates a customer with a contact and an address, finds it, shows its timeline and edits it', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-table-empty').waitFor();
    await screenshot(page, 'customers-empty-en');

    await page.getByTestId('customers-new').click();
    await page.getByTestId('customer-form').waitFor();
    await page.getByTestId('customer-name').fill('Lotus Garden Trading Ltd');
    await page.getByTestId('customer-legal-name').fill('Lotus Garden Trading Limited');
    await page.getByTestId('customer-email').fill('Orders@Lotus-Garden.example.com');
    await page.getByTestId('customer-phone').fill('020 7946 0321');
    await page.getByTestId('customer-birthday').fill('1990-04-23');
    await page.getByTestId('customer-tags').fill('wholesale');
    await page.getByTestId('customer-tags').press('Enter');
    await page.getByTestId('customer-tags').fill('vip');
    await page.getByTestId('customer-tags').press('Enter');
    await choose(page, 'customer-channel', 'Phone');
    await page.getByTestId('consent-marketing').check();

    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-0-name').fill('Mei Lin');
    await page.getByTestId('contact-0-role').fill('Buyer');
    await page.getByTestId('contact-0-email').fill('mei.lin@lotus-garden.example.com');
    await page.getByTestId('contact-0-phone').fill('+44 20 7946 0123');

    await page.getByTestId('address-add').click();
    await page.getByTestId('address-0-name').fill('Lotus Garden Trading Ltd');
    await page.getByTestId('address-0-line1').fill('12 Hanbury Street');
    await page.getByTestId('address-0-city').fill('London');
    await page.getByTestId('address-0-postalCode').fill('E1 6QR');
    await page.getByTestId('address-0-country').fill('gb');
    await screenshot(page, 'customer-form-en');
    await page.getByTestId('customer-submit').click();

    await page.waitForURL(/\/customers\/cus_[^/]+$/);
    await expect.poll(() => text(page, 'customer-title')).toBe('Lotus Garden Trading Ltd');
    // The server normalised the email; the contact and the address are shown.
    expect(await text(page, 'customer-email')).toBe('orders@lotus-garden.example.com');
    expect(await page.getByTestId('contact-row').count()).toBe(1);
    expect(await page.getByTestId('customer-contacts').textContent()).toContain('Mei Lin');
    expect(await page.getByTestId('address-card').first().textContent()).toContain('12 Hanbury Street');
    expect(await page.getByTestId('consent-marketing').getAttribute('data-value')).toBe('true');
    const customerUrl = page.url();

    // Search finds it from the list; the row opens the detail page.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-search').fill('lotus');
    await page.waitForURL(/q=/);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    expect(await page.getByTestId('customer-row').textContent()).toContain('wholesale');
    // Export CSV downloads the customers the filters select.
    const exportHref = await page.getByTestId('customers-export').getAttribute('href');
    expect(exportHref).toBe('/api/v1/customers/export.csv?q=lotus');
    const exported = await page.evaluate(async (href) => (await fetch(href!)).text(), exportHref);
    expect(exported.split('\n')[0]).toContain('name');
    expect(exported).toContain('Lotus Garden Trading Ltd');
    await page.getByTestId('customers-search').fill('nobody-like-this');
    await page.getByTestId('customers-table-empty').waitFor();
    await page.getByTestId('customers-search').fill('Lotus');
    await page.getByTestId('customer-row').first().click();
    await page.waitForURL(customerUrl);

    await expectTimelineEntry(page, 'customer.created');
    expect(await page.getByTestId('customer-timeline').textContent()).toContain('Customer created');
    expect(await page.getByTestId('customer-timeline').textContent()).toContain('Demo Admin');
    await screenshot(page, 'customer-detail-en');

    // Edit: the same form, loaded with the customer; the change is saved with If-Match.
    await page.getByTestId('customer-edit').click();
    await expect.poll(() => page.getByTestId('customer-name').inputValue()).toBe('Lotus Garden Trading Ltd');
    expect(await page.getByTestId('contact-0-name').inputValue()).toBe('Mei Lin');
    await page.getByTestId('customer-name').fill('Lotus Garden Trading Group');
    await screenshot(page, 'customer-edit-en');
    await page.getByTestId('customer-submit').click();
    await page.waitForURL(customerUrl);
    await expect.poll(() => text(page, 'customer-title')).toBe('Lotus Garden Trading Group');
    await expectTimelineEntry(page, 'customer.updated');
    const updated = page.locator('[data-testid="timeline-entry"][data-type="customer.updated"]');
    expect(await updated.textContent()).toContain('name');
    // Newest first.
    expect(await page.getByTestId('timeline-entry').first().getAttribute('data-type')).toBe('customer.updated');

    await context.close();
  });

  it('shows server validation errors on the fields and a stale edit as a conflict', async () => {
    const existing = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'individual', name: 'Zhang Wei', email: 'zhang.wei@example.cn' }, 201);
    const { context, page } = await signedInPage(browser, server);
    await page.goto(server.url + '/customers/new');
    await page.getByTestId('customer-name').fill('Wei Zhang');
    await page.getByTestId('customer-email').fill('ZHANG.WEI@example.cn');
    await page.getByTestId('customer-submit').click();
    // 409 duplicate_customer: the alert names the existing customer, the field says why.
    await expect.poll(() => text(page, 'customer-form-error')).toContain(existing.id);
    expect(await page.getByTestId('customer-form-error').getAttribute('data-code')).toBe('duplicate_customer');
    expect(await page.getByTestId('customer-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('customer-form').textContent()).toContain('is already used by customer');
    await screenshot(page, 'customer-form-duplicate-en');

    // A bad contact email (zod on the server) lands on the contact's field.
    await page.getByTestId('customer-email').fill('wei.zhang@example.cn');
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-0-name').fill('Wei');
    await page.getByTestId('contact-0-email').fill('not-an-email');
    await page.getByTestId('customer-submit').click();
    await expect.poll(() => page.getByTestId('contact-0-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('customer-form').textContent()).toContain('must be an email address');

    // Someone else saves first: 412, explained, and Reload brings the new version.
    await page.goto(server.url + `/customers/${existing.id}/edit`);
    await expect.poll(() => page.getByTestId('customer-name').inputValue()).toBe('Zhang Wei');
    await apiCall(server, 'PATCH', `/api/v1/customers/${existing.id}`, { notes: 'Changed elsewhere' }, 200, { 'if-match': `"${existing.version}"` });
    await page.getByTestId('customer-name').fill('Zhang Wei (CN)');
    await page.getByTestId('customer-submit').click();
    await expect.poll(() => text(page, 'customer-form-error')).toContain('Someone else changed this customer');
    await page.getByTestId('customer-reload').click();
    await expect.poll(() => page.getByTestId('customer-notes').inputValue()).toBe('Changed elsewhere');
    await page.getByTestId('customer-name').fill('Zhang Wei (CN)');
    await page.getByTestId('customer-submit').click();
    await expect.poll(() => text(page, 'customer-title')).toBe('Zhang Wei (CN)');
    await context.close();
  });

  it('imports a CSV file with a progress bar and reports the bad row by line', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-import').click();
    await page.getByTestId('import-columns').waitFor();
    const csv = [
      'kind,name,email,phone,tags,billing_line1,billing_city,billing_country',
      'business,Harbour Tools Ltd,sales@harbour-tools.example.com,020 7946 0101,wholesale;tools,1 Dock Road,London,GB',
      'individual,Bad Row,not-an-email,,,,,',
      'individual,李娜,li.na@example.cn,139 0000 1111,retail,,,',
    ].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => text(page, 'import-file-info')).toContain('customers.csv');
    await screenshot(page, 'customer-import-choose-en');
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-job').waitFor();

    await drainUntil(server, async () => (await page.getByTestId('import-job').getAttribute('data-status')) === 'completed');
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('data-value')).toBe('100');
    expect(await text(page, 'import-percent')).toBe('100%');
    expect(await text(page, 'import-created')).toBe('2');
    expect(await text(page, 'import-error-count')).toBe('1');
    const bad = page.getByTestId('import-error-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-line')).toBe('3');
    expect(await bad.textContent()).toContain('email');
    await screenshot(page, 'customer-import-done-en');

    // Importing the same file again creates nothing new.
    await page.getByTestId('import-again').click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-job').waitFor();
    await drainUntil(server, async () => (await page.getByTestId('import-job').getAttribute('data-status')) === 'completed');
    await expect.poll(() => text(page, 'import-created')).toBe('0');
    expect(await text(page, 'import-unchanged')).toBe('2');

    await page.getByTestId('import-view-customers').click();
    await page.getByTestId('customers-search').fill('harbour');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await context.close();
  });

  it('shows the list and a detail page in Chinese, and the list fits a phone', async () => {
    // A second server with the demo customers (the first one has the customers of the tests above).
    const demo = await startServer();
    try {
      await seedDemoCustomers(demo.deps);
      await demo.worker.drain();
      await showsDemoCustomers(demo);
    } finally {
      await demo.close();
    }
  });
});

async function showsDemoCustomers(server: Server): Promise<void> {
  const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
  await page.getByTestId('nav-customers').click();
  await expect.poll(() => text(page, 'page-title')).toBe('客户');
  await expect.poll(() => page.getByTestId('customer-row').count()).toBeGreaterThan(10);
  await screenshot(page, 'customers-list-zh-CN');

  await page.getByTestId('customers-search').fill('上海');
  await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
  await page.getByTestId('customer-row').first().click();
  await expect.poll(() => text(page, 'customer-title')).toBe('上海华东机械有限公司');
  await page.getByTestId('timeline-entry').first().waitFor();
  expect(await page.getByTestId('customer-timeline').textContent()).toContain('客户已创建');
  await screenshot(page, 'customer-detail-zh-CN');
  await page.getByTestId('customer-edit').click();
  await page.getByTestId('customer-form').waitFor();
  await screenshot(page, 'customer-edit-zh-CN');
  await page.goto(server.url + '/customers/import');
  await page.getByTestId('import-columns').waitFor();
  await screenshot(page, 'customer-import-zh-CN');
  await context.close();

  for (const locale of ['en', 'zh-CN'] as const) {
    const phone = await signedInPage(browser, server, { locale, width: 390, height: 844, mobile: true });
    await phone.page.goto(server.url + '/customers');
    await expect.poll(() => phone.page.getByTestId('customer-row').count()).toBeGreaterThan(10);
    await expectNoHorizontalOverflow(phone.page);
    await screenshot(phone.page, `customers-list-phone-${locale}`);
    await phone.page.getByTestId('customer-row').first().click();
    await phone.page.getByTestId('customer-profile').waitFor();
    await expectNoHorizontalOverflow(phone.page);
    await screenshot(phone.page, `customer-detail-phone-${locale}`);
    await phone.context.close();
  }
}
