import type { Browser } from 'playwright-core';
import type { Customer, Message, Order, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/test/support/db.js';
import { startTestRuntime } from '../../server/test/support/runtime.js';
import { startSmtp, type TestSmtp } from '../../server/test/support/smtp.js';
import { launchBrowser } from './support/browser.js';
import { apiCall, drainUntil, shot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let smtp: TestSmtp;
let order: Order;
let unreachable: Order;

async function messagesOf(orderId: string): Promise<Message[]> {
  const res = await server.app.inject({ method: 'GET', url: `/api/v1/messages?orderId=${orderId}`, headers: await server.asRole('admin') });
  return res.json<{ data: Message[] }>().data;
}

const placeOrder = (customerId: string, quantity: number) =>
  apiCall<Order>(server, 'POST', '/api/v1/orders', {
    customerId,
    currency: 'CNY',
    lines: [{ sku: 'VLV-DN50', quantity }],
    shippingAddress: { name: 'Li Na', line1: '88 Century Avenue', city: 'Shanghai', country: 'CN' },
    requestedDeliveryDate: '2026-12-01',
  }, 201);

beforeAll(async () => {
  smtp = await startSmtp();
  const rt = await startTestRuntime({ config: await testConfig({ SMTP_URL: smtp.url }) });
  server = Object.assign(rt, { url: await rt.app.listen({ port: 0, host: '127.0.0.1' }) });
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SH1', name: 'Shanghai Pudong' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'VLV-DN50', name: 'Gate valve DN50', unitPrice: 10_000, currency: 'CNY', taxRate: 0, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku: 'VLV-DN50', warehouseId: wh.id, quantity: 20, kind: 'receipt', reason: 'Opening stock' }, 201);
  // Real time: switch quiet hours off so the confirmation goes out whatever the hour in Shanghai.
  await apiCall(server, 'PUT', '/api/v1/message-rules/order_confirmation', { enabled: true, templateKey: 'order_confirmation', channels: ['preferred', 'email', 'portal'], quietHoursStart: null, quietHoursEnd: null, timeZone: 'Asia/Shanghai', delayMinutes: 0 }, 200);
  const li = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Acme Robotics', email: 'buyer@acme.example', locale: 'en' }, 201);
  order = await placeOrder(li.id, 2);
  await drainUntil(server, async () => (await messagesOf(order.id)).some((m) => m.status === 'sent'));
  // A customer who switched every channel off: the confirmation is not sent, and says why.
  const quiet = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'No Thanks Ltd', email: 'n@example.com', locale: 'en', consent: { email: false, sms: false, portal: false } }, 201);
  unreachable = await placeOrder(quiet.id, 1);
  await drainUntil(server, async () => (await messagesOf(unreachable.id)).some((m) => m.status === 'suppressed'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('messages in the back office', () => {
  it('lists templates, edits one with a live preview against an order, and shows the sent message on the order (English)', async () => {
    const { context, page } = await signedInPage(browser, server);
    expect(await page.getByTestId('email-off-banner').count()).toBe(0); // SMTP is configured
    await page.goto(server.url + '/messages/templates');
    await page.getByTestId('template-row').first().waitFor();
    expect(await page.getByTestId('template-row').count()).toBe(12);
    await shot(page, 'message-templates-en');

    await page.getByTestId('template-link-order_confirmation-email-en').click();
    await page.getByTestId('template-text').waitFor();
    await page.getByTestId('template-preview-order').fill(order.number);
    await expect.poll(() => page.getByTestId('template-preview-subject').textContent()).toBe(`Order ${order.number} confirmed`);
    await page.getByTestId('template-subject').fill('Thank you for {{ order.number }}, {{ customer.name }}');
    await expect.poll(() => page.getByTestId('template-preview-subject').textContent()).toBe(`Thank you for ${order.number}, Acme Robotics`);
    expect(await page.getByTestId('template-preview-text').textContent()).toContain('2 × Gate valve DN50');
    await shot(page, 'message-template-edit-en');
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-saved').waitFor();
    await expect.poll(() => page.getByTestId('template-version').count()).toBe(2);

    await page.goto(server.url + `/orders/${order.id}`);
    const item = page.getByTestId('order-messages').getByTestId('message-item').first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('sent');
    expect(await item.getByTestId('message-subject').textContent()).toBe(`Order ${order.number} confirmed`);
    await page.getByTestId('order-messages').scrollIntoViewIfNeeded();
    await shot(page, 'order-messages-en');

    await page.goto(server.url + `/orders/${unreachable.id}`);
    const reason = page.getByTestId('order-messages').getByTestId('message-reason');
    await reason.waitFor();
    expect(await reason.textContent()).toBe('Not sent: no channel could reach the customer (opted out of Email; opted out of Portal inbox)');

    await page.goto(server.url + '/messages');
    await page.getByTestId('message-row').first().waitFor();
    await shot(page, 'messages-list-en');
    await context.close();
  });

  it('previews the Chinese template against the same order and shows the lists in Chinese', async () => {
    const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
    await page.goto(server.url + '/messages/templates/order_confirmation/email/zh-CN');
    await page.getByTestId('template-text').waitFor();
    await page.getByTestId('template-preview-order').fill(order.number);
    await expect.poll(() => page.getByTestId('template-preview-subject').textContent()).toBe(`订单 ${order.number} 已确认`);
    expect(await page.getByTestId('template-preview-text').textContent()).toContain('尊敬的 Acme Robotics：');
    expect(await page.getByTestId('template-save').textContent()).toBe('保存为新版本');
    await shot(page, 'message-template-edit-zh-CN');

    await page.goto(server.url + '/messages/templates');
    await page.getByTestId('template-row').first().waitFor();
    await shot(page, 'message-templates-zh-CN');

    await page.goto(server.url + `/orders/${order.id}`);
    await page.getByTestId('order-messages').getByTestId('message-item').first().waitFor();
    expect(await page.getByTestId('order-messages').getByTestId('message-status').first().textContent()).toBe('已发送');
    await page.getByTestId('order-messages').scrollIntoViewIfNeeded();
    await shot(page, 'order-messages-zh-CN');

    // The reason a message was not sent, in Chinese too (the server stores it as a code).
    await page.goto(server.url + `/orders/${unreachable.id}`);
    const reason = page.getByTestId('order-messages').getByTestId('message-reason');
    await reason.waitFor();
    expect(await reason.textContent()).toBe('未发送：没有可联系到客户的渠道（已退订邮件；已退订门户收件箱）');
    await shot(page, 'order-message-reason-zh-CN');

    await page.goto(server.url + '/messages/rules');
    await page.getByTestId('rule-card').first().waitFor();
    await shot(page, 'message-rules-zh-CN');
    await context.close();
  });
});
