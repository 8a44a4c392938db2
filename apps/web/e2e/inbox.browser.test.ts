import type { Browser, Page } from 'playwright-core';
import type { Customer, Order, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/src/platform/auth/index.js';
import { createPortalAccount } from '../../server/src/modules/identity/index.js';
import { launchBrowser, startServer } from './support/browser.js';
import { apiCall, choose, drainUntil, expectNoHorizontalOverflow, shot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let buyer: Customer;
const BUYER = { email: 'buyer@pearl-river.cn', password: 'portal-password-1' };
const address = { name: 'Chen Jing', line1: '8 Pearl River Road', city: 'Guangzhou', postalCode: '510000', country: 'CN' };

const placeOrder = (quantity: number) =>
  apiCall<Order>(server, 'POST', '/api/v1/orders', { customerId: buyer.id, currency: 'CNY', lines: [{ sku: 'PRT-PUMP-40', quantity }], shippingAddress: address, requestedDeliveryDate: '2031-04-01' }, 201);

async function portalPage(locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-CN', viewport: { width: 1280, height: 900 } });
  await context.addInitScript((lng) => window.localStorage.setItem('ordercare.locale', lng), locale);
  const page = await context.newPage();
  await page.goto(server.url + '/portal/login');
  await page.getByTestId('login-email').fill(BUYER.email);
  await page.getByTestId('login-password').fill(BUYER.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard-title').waitFor();
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'GZ1', name: 'Guangzhou' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'PRT-PUMP-40', name: 'Pump 40', nameZh: '水泵 40', unitPrice: 56000, currency: 'CNY', taxRate: 13, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku: 'PRT-PUMP-40', warehouseId: wh.id, quantity: 100, kind: 'receipt', reason: 'Opening stock' }, 201);
  buyer = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Pearl River Pumps', email: BUYER.email }, 201);
  const account = await createPortalAccount(server.deps, SYSTEM_ACTOR, { customerId: buyer.id, email: BUYER.email, name: 'Chen Jing', locale: 'en', password: BUYER.password });
  if (!account.ok) throw new Error(JSON.stringify(account.error));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function conversation(locale: 'en' | 'zh-CN', words: { staff: string; reply: string; inbox: RegExp; send: RegExp }) {
  const order = await placeOrder(2);

  // Staff write on the order page.
  const { page: staff, context: staffContext } = await signedInPage(browser, server, { locale });
  await staff.goto(`${server.url}/orders/${order.id}`);
  const card = staff.getByTestId('order-conversation');
  await card.waitFor();
  await card.getByTestId('thread-reply-body').fill(words.staff);
  await card.getByTestId('thread-reply-send').click();
  await card.getByTestId('thread-message').filter({ hasText: words.staff }).waitFor();

  // The customer sees an unread badge on Inbox, opens the thread and replies.
  const portal = await portalPage(locale);
  const badge = portal.getByTestId('inbox-unread-badge');
  await badge.waitFor();
  expect(await badge.textContent()).toBe('1');
  await portal.getByRole('link', { name: words.inbox }).click();
  const row = portal.locator(`[data-testid="inbox-thread"][data-thread="${order.id}"]`);
  await row.waitFor();
  expect(await row.getAttribute('data-unread')).toBe('1');
  expect(await row.textContent()).toContain(order.number);
  await shot(portal, `portal-inbox-${locale}`);
  await row.click();
  const thread = portal.getByTestId('portal-thread');
  await thread.getByTestId('thread-message').filter({ hasText: words.staff }).waitFor();
  await badge.waitFor({ state: 'detached' }); // opening the thread marks it read
  await thread.getByTestId('thread-reply-body').fill(words.reply);
  await portal.getByRole('button', { name: words.send }).click();
  await thread.locator('[data-testid="thread-message"][data-direction="from_customer"]').filter({ hasText: words.reply }).waitFor();
  await expectNoHorizontalOverflow(portal);
  await shot(portal, `portal-inbox-thread-${locale}`);

  // The portal order page shows the same conversation.
  await portal.goto(`${server.url}/portal/orders/${order.id}`);
  await portal.getByTestId('portal-order-messages').getByTestId('thread-message').filter({ hasText: words.reply }).waitFor();

  // Staff see the reply on the order.
  await staff.reload();
  await card.locator('[data-testid="thread-message"][data-direction="from_customer"]').filter({ hasText: words.reply }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await shot(staff, `order-conversation-${locale}`);
  await staffContext.close();
  await portal.context().close();
}

describe('portal inbox and logged contacts', () => {
  it('staff write on an order, the customer reads it in the portal inbox and replies, staff see the reply (English)', async () => {
    await conversation('en', { staff: 'Your pumps leave our warehouse on Friday.', reply: 'Thank you, Friday works for us.', inbox: /^Inbox/, send: /^Send$/ });
  });

  it('works in Chinese too', async () => {
    await conversation('zh-CN', { staff: '您的水泵将于周五发货。', reply: '谢谢，周五可以。', inbox: /^收件箱/, send: /^发送$/ });
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`staff log a phone call on the customer page and see it on the timeline (${locale})`, async () => {
      const { page, context } = await signedInPage(browser, server, { locale });
      await page.goto(`${server.url}/customers/${buyer.id}`);
      await page.getByTestId('log-contact').click();
      const modal = page.getByTestId('log-contact-modal');
      await page.getByTestId('log-contact-save').waitFor();
      await choose(page, 'log-contact-outcome', locale === 'en' ? 'Follow-up needed' : '需要跟进');
      await page.getByTestId('log-contact-duration').fill('15');
      const notes = locale === 'en' ? 'Asked for a quote on 20 more pumps.' : '询问再订 20 台水泵的报价。';
      await page.getByTestId('log-contact-notes').fill(notes);
      await shot(page, `log-contact-${locale}`);
      await page.getByTestId('log-contact-save').click();
      await modal.waitFor({ state: 'detached' });
      const count = async () => Number((await server.deps.db.selectFrom('customer_timeline').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', buyer.id).where('type', '=', 'contact.logged').executeTakeFirstOrThrow()).n);
      await drainUntil(server, async () => (await count()) >= (locale === 'en' ? 1 : 2));
      await page.reload();
      const entry = page.locator('[data-testid="timeline-entry"][data-type="contact.logged"]').first();
      await entry.waitFor();
      expect(await entry.textContent()).toContain(notes);
      expect(await entry.textContent()).toContain(locale === 'en' ? 'Follow-up needed' : '需要跟进');
      expect(await page.getByTestId('customer-timeline').textContent()).toContain(locale === 'en' ? 'Contact logged' : '已记录联系');
      await shot(page, `customer-contact-logged-${locale}`);
      await context.close();
    });
  }
});
