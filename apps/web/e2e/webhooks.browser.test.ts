import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { Customer, Warehouse } from '@ordercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/test/support/db.js';
import { startTestRuntime } from '../../server/test/support/runtime.js';
import { verifySignature } from '../../server/src/modules/webhooks/index.js';
import { launchBrowser } from './support/browser.js';
import { apiCall, drainUntil, shot, signedInPage, type Server } from './support/backoffice.js';

let server: Server;
let browser: Browser;
let receiver: http.Server;
let receiverUrl = '';
let secret = '';
const received: { type: string | undefined; verified: boolean }[] = [];
const answers = [500]; // the first delivery fails, the redelivery succeeds

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifySignature(secret, req.headers['ordercare-signature'] as string | undefined, body).ok;
      received.push({ type: req.headers['ordercare-event-type'] as string | undefined, verified });
      const status = verified ? (answers.shift() ?? 200) : 401;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ordercare`;
  // The receiver is on loopback, so this server allows private webhook addresses.
  const rt = await startTestRuntime({ config: await testConfig({ WEBHOOKS_ALLOW_PRIVATE: 'true' }) });
  server = Object.assign(rt, { url: await rt.app.listen({ port: 0, host: '127.0.0.1' }) });
  browser = await launchBrowser();
  const wh = await apiCall<Warehouse>(server, 'POST', '/api/v1/warehouses', { code: 'SH1', name: 'Shanghai Pudong' }, 201);
  await apiCall(server, 'POST', '/api/v1/products', { sku: 'VLV-DN50', name: 'Gate valve DN50', unitPrice: 10_000, currency: 'CNY', taxRate: 0, unit: 'pcs' }, 201);
  await apiCall(server, 'POST', '/api/v1/inventory/adjustments', { sku: 'VLV-DN50', warehouseId: wh.id, quantity: 20, kind: 'receipt', reason: 'Opening stock' }, 201);
  await server.worker.drain();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks in the back office', () => {
  it('subscribes a test receiver, shows the secret once, logs a failed delivery and redelivers it', async () => {
    const { context, page } = await signedInPage(browser, server);
    await page.goto(server.url + '/webhooks');
    await page.getByTestId('webhooks-new').click();
    await page.getByTestId('webhook-url').fill(receiverUrl);
    await page.getByTestId('webhook-description').fill('ERP order feed');
    await page.getByTestId('webhook-submit').click();
    await page.getByTestId('webhook-secret').waitFor();
    secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await shot(page, 'webhook-secret-en');
    await page.getByTestId('webhook-create-done').click();
    await page.getByTestId('webhook-row').first().waitFor();
    expect(await page.getByTestId('webhook-row').first().textContent()).toContain(secret.slice(-4));
    await shot(page, 'webhooks-list-en');

    const acme = await apiCall<Customer>(server, 'POST', '/api/v1/customers', { kind: 'business', name: 'Acme Robotics' }, 201);
    await apiCall(server, 'POST', '/api/v1/orders', {
      customerId: acme.id,
      currency: 'CNY',
      lines: [{ sku: 'VLV-DN50', quantity: 2 }],
      shippingAddress: { name: 'Li Na', line1: '88 Century Avenue', city: 'Shanghai', country: 'CN' },
      requestedDeliveryDate: '2026-12-01',
    }, 201);
    await drainUntil(server, async () => received.length >= 1);
    expect(received[0]).toEqual({ type: 'order.placed', verified: true });

    await page.getByTestId('webhook-row').first().click();
    await page.getByTestId('webhook-delivery').first().waitFor();
    expect(await page.getByTestId('webhook-delivery').count()).toBe(1);
    expect(await page.getByTestId('webhook-delivery').first().getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('webhook-attempt').first().getAttribute('data-http-status')).toBe('500');

    await page.getByTestId('webhook-redeliver').first().click();
    await drainUntil(server, async () => received.length >= 2);
    expect(received[1]).toEqual({ type: 'order.placed', verified: true });
    await page.getByTestId('webhook-refresh').click();
    await expect.poll(() => page.getByTestId('webhook-delivery').first().getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId('webhook-attempt').count()).toBe(2);
    await shot(page, 'webhook-deliveries-en');

    // Deactivate and activate again.
    await page.getByTestId('webhook-toggle').click();
    await expect.poll(() => page.getByTestId('webhook-status').getAttribute('data-active')).toBe('false');
    await page.getByTestId('webhook-toggle').click();
    await expect.poll(() => page.getByTestId('webhook-status').getAttribute('data-active')).toBe('true');
    await context.close();
  });

  it('shows the list and the delivery log in Chinese, and no Webhooks entry for sales', async () => {
    const { context, page } = await signedInPage(browser, server, { locale: 'zh-CN' });
    await page.goto(server.url + '/webhooks');
    await page.getByTestId('webhook-row').first().waitFor();
    expect(await page.getByTestId('webhooks-new').textContent()).toBe('新建 Webhook');
    await shot(page, 'webhooks-list-zh-CN');
    await page.getByTestId('webhook-row').first().click();
    await page.getByTestId('webhook-delivery').first().waitFor();
    expect(await page.getByTestId('webhook-delivery-status').first().textContent()).toBe('成功');
    await page.getByTestId('webhook-rotate').click();
    await page.getByTestId('webhook-secret').waitFor();
    await shot(page, 'webhook-deliveries-zh-CN');
    await context.close();

    const sales = await signedInPage(browser, server, { email: 'sales@example.com' });
    await sales.page.goto(server.url + '/');
    await sales.page.getByTestId('nav-orders').first().waitFor();
    expect(await sales.page.getByTestId('nav-webhooks').count()).toBe(0);
    await sales.context.close();
  });
});
