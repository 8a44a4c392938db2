import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Customer, Problem, WebhookDeliveryList, WebhookWithSecret } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { testConfig } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { placeOrder, seedShop } from './helpers.js';
import { MAX_ATTEMPTS } from '../schedule.js';
import { verifySignature } from '../signing.js';

const MIN = 60_000;
const clock = manualClock();
let rt: TestRuntime;
let acme: Customer;
let admin: Record<string, string>;

/** A real receiver on a loopback port: verifies each request with the documented scheme. */
interface Received { headers: http.IncomingHttpHeaders; body: string; verified: boolean; secretUsed: string | undefined }
const received: Received[] = [];
let answers: number[] = [];
const secrets: string[] = [];
let receiver: http.Server;
let receiverUrl = '';

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const now = Math.floor(clock.now().getTime() / 1000);
      const secretUsed = secrets.find((s) => verifySignature(s, req.headers['ordercare-signature'] as string | undefined, body, now).ok);
      received.push({ headers: req.headers, body, verified: secretUsed !== undefined, secretUsed });
      const status = answers.shift() ?? 200;
      res.writeHead(secretUsed ? status : 401, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver is down' : `ok ${'x'.repeat(3000)}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  rt = await startTestRuntime({ clock, config: await testConfig({ WEBHOOKS_ALLOW_PRIVATE: 'true' }) });
  admin = await rt.asRole('admin');
  acme = await seedShop(rt);
  await rt.worker.drain();
});
afterAll(async () => {
  await rt?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answers = [];
});

const api = {
  create: (payload: object, headers = admin) => rt.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload }),
  patch: (id: string, payload: object) => rt.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, headers: admin, payload }),
  deliveries: async (id: string) => {
    const res = await rt.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<WebhookDeliveryList>().data;
  },
};
async function subscribe(events: string[], active = true): Promise<WebhookWithSecret> {
  const res = await api.create({ url: receiverUrl, events, description: 'test receiver', active });
  expect(res.statusCode, res.body).toBe(201);
  const w = res.json<WebhookWithSecret>();
  secrets.push(w.secret);
  return w;
}

describe('webhooks', () => {
  it('creates a subscription showing the secret once, then only a hint', async () => {
    const w = await subscribe(['order.placed']);
    expect(w.secret).toMatch(/^whsec_/);
    expect(w.secretHint).toBe(`…${w.secret.slice(-4)}`);
    const got = await rt.app.inject({ method: 'GET', url: `/api/v1/webhooks/${w.id}`, headers: await rt.asRole('manager') });
    expect(got.statusCode).toBe(200);
    expect(got.json()).not.toHaveProperty('secret');
    const list = await rt.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: admin });
    expect(list.body).not.toContain(w.secret);
    await api.patch(w.id, { active: false });
  });

  it('refuses bad input naming the field, and non-admins', async () => {
    const cases: [object, string][] = [
      [{ url: 'ftp://example.com/x', events: ['order.placed'] }, 'body.url'],
      [{ url: 'https://user:pw@example.com/x', events: ['order.placed'] }, 'body.url'],
      [{ url: 'https://example.com/x', events: [] }, 'body.events'],
      [{ url: 'https://example.com/x', events: ['order.nope'] }, 'body.events.0'],
    ];
    for (const [payload, path] of cases) {
      const res = await api.create(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toContain(path);
    }
    for (const role of ['manager', 'sales', 'finance'] as const) {
      expect((await api.create({ url: 'https://example.com/x', events: ['*'] }, await rt.asRole(role))).statusCode).toBe(403);
    }
    expect((await rt.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: await rt.asRole('sales') })).statusCode).toBe(403);
  });

  it('refuses private addresses unless WEBHOOKS_ALLOW_PRIVATE', async () => {
    const strict = await startTestRuntime({ clock });
    try {
      const res = await strict.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await strict.asRole('admin'), payload: { url: 'http://127.0.0.1:9/x', events: ['*'] } });
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors?.[0]?.path).toBe('body.url');
    } finally {
      await strict.close();
    }
  });

  it('fans out once to matching active subscriptions, signs, retries with backoff, logs attempts, redelivers', async () => {
    const orders = await subscribe(['order.placed']);
    const all = await subscribe(['*']);
    const payments = await subscribe(['payment.recorded']);
    const inactive = await subscribe(['order.placed'], false);

    answers = [500]; // the first request fails
    const order = await placeOrder(rt, acme.id);
    await rt.worker.drain();
    // order.placed went to `orders` and `all`, not to `payments` or the inactive one.
    const placedTo = received.filter((r) => r.headers['ordercare-event-type'] === 'order.placed');
    expect(placedTo).toHaveLength(2);
    expect(received.every((r) => r.verified)).toBe(true);
    for (const w of [payments, inactive]) expect(await api.deliveries(w.id)).toEqual([]);
    const first = placedTo[0]!;
    expect(first.headers['user-agent']).toBe('OrderCare-Webhooks/1');
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['ordercare-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const parsed = JSON.parse(first.body) as { id: string; type: string; data: { orderId?: string } };
    expect(parsed).toMatchObject({ id: first.headers['ordercare-event-id'], type: 'order.placed' });
    expect(JSON.stringify(parsed.data)).toContain(order.id);

    // Which subscription got the 500: it is pending with a retry in about a minute.
    const logs = [...(await api.deliveries(orders.id)), ...(await api.deliveries(all.id)).filter((d) => d.eventType === 'order.placed')];
    const failing = logs.find((d) => d.status === 'pending')!;
    expect(logs.filter((d) => d.status === 'succeeded')).toHaveLength(1);
    expect(failing.attempts).toEqual([expect.objectContaining({ number: 1, succeeded: false, httpStatus: 500, responseBody: 'receiver is down', error: 'HTTP 500' })]);
    const wait = Date.parse(failing.nextAttemptAt!) - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(0.8 * MIN);
    expect(wait).toBeLessThanOrEqual(1.2 * MIN);

    received.length = 0;
    await rt.worker.drain(); // not due yet
    expect(received).toHaveLength(0);
    clock.advance(2 * MIN);
    await rt.worker.drain();
    expect(received).toHaveLength(1);
    const after = (await api.deliveries(failing.webhookId)).find((d) => d.id === failing.id)!;
    expect(after).toMatchObject({ status: 'succeeded', attemptCount: 2, nextAttemptAt: null });
    expect(after.attempts.map((a) => [a.number, a.succeeded, a.httpStatus])).toEqual([[1, false, 500], [2, true, 200]]);
    expect(after.attempts[1]!.responseBody).toHaveLength(2048);

    // Exactly once: running the fan-out again for the same event creates nothing new.
    const deliveryRows = async () => Number((await rt.deps.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await deliveryRows();
    const eventId = after.eventId;
    await rt.deps.db.deleteFrom('outbox_handled').where('event_id', '=', eventId).where('handler', '=', 'webhooks.fanout').execute();
    await rt.deps.db.updateTable('outbox').set({ status: 'pending', available_at: clock.iso(), attempts: 0 }).where('id', '=', eventId).execute();
    await rt.worker.drain();
    expect(await deliveryRows()).toBe(before);

    // Manual redelivery: a new attempt, signed with the rotated secret.
    const rotated = await rt.app.inject({ method: 'POST', url: `/api/v1/webhooks/${failing.webhookId}/rotate-secret`, headers: admin });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json<WebhookWithSecret>().secret;
    secrets.push(newSecret);
    const audit = await rt.deps.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(newSecret);
    received.length = 0;
    const re = await rt.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${failing.id}/redeliver`, headers: admin });
    expect(re.statusCode, re.body).toBe(202);
    await rt.worker.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.secretUsed).toBe(newSecret);
    const again = (await api.deliveries(failing.webhookId)).find((d) => d.id === failing.id)!;
    expect(again.attempts.map((a) => [a.number, a.manual, a.succeeded])).toEqual([[1, false, false], [2, false, true], [3, true, true]]);

    expect((await rt.app.inject({ method: 'POST', url: '/api/v1/webhooks/deliveries/whd_nope/redeliver', headers: admin })).statusCode).toBe(404);
    expect((await rt.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${failing.id}/redeliver`, headers: await rt.asRole('manager') })).statusCode).toBe(403);
    for (const w of [orders, all, payments, inactive]) await api.patch(w.id, { active: false });
  });

  it('records redirects (not followed) and connection errors as failures; PATCH honours If-Match; DELETE removes the log', async () => {
    const w = await subscribe(['product.created']);
    answers = [302];
    const product = (sku: string) => rt.app.inject({ method: 'POST', url: '/api/v1/products', headers: admin, payload: { sku, name: sku, unitPrice: 100, currency: 'CNY', taxRate: 0, unit: 'pcs' } });
    expect((await product('RED-1')).statusCode).toBe(201);
    await rt.worker.drain();
    const [redirected] = await api.deliveries(w.id);
    expect(redirected!.attempts[0]).toMatchObject({ succeeded: false, httpStatus: 302, error: 'HTTP 302' });
    expect(received).toHaveLength(1);

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => closed.close(resolve));
    expect((await api.patch(w.id, { url: deadUrl })).statusCode).toBe(200);
    expect((await product('RED-2')).statusCode).toBe(201);
    await rt.worker.drain();
    const [refused] = await api.deliveries(w.id);
    expect(refused!.attempts[0]).toMatchObject({ succeeded: false, httpStatus: null });
    expect(refused!.attempts[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);

    const stale = await rt.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${w.id}`, headers: { ...admin, 'if-match': '"1"' }, payload: { active: false } });
    expect(stale.statusCode).toBe(412);
    const del = await rt.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${w.id}`, headers: admin });
    expect(del.statusCode).toBe(204);
    expect((await rt.app.inject({ method: 'GET', url: `/api/v1/webhooks/${w.id}`, headers: admin })).statusCode).toBe(404);
    expect(await rt.deps.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', w.id).execute()).toEqual([]);
    clock.advance(10 * MIN);
    await rt.worker.drain(); // the pending retries find nothing and stop
  });

  it('stops after the last attempt, about 45 hours later, and marks the delivery failed', async () => {
    const w = await subscribe(['customer.created']);
    answers = Array.from({ length: 20 }, () => 503);
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: admin, payload: { kind: 'business', name: 'Down Ltd' } });
    expect(res.statusCode).toBe(201);
    const start = clock.now().getTime();
    await rt.worker.drain();
    for (let i = 0; i < 15; i++) {
      clock.advance(15 * 3_600_000);
      await rt.worker.drain();
    }
    const [d] = await api.deliveries(w.id);
    expect(d).toMatchObject({ status: 'failed', attemptCount: MAX_ATTEMPTS, nextAttemptAt: null });
    const span = Date.parse(d!.attempts.at(-1)!.at) - Date.parse(d!.attempts[0]!.at);
    expect(span).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(Date.parse(d!.attempts[0]!.at)).toBe(start);
    expect(received.filter((r) => r.headers['ordercare-delivery-id'] === d!.id)).toHaveLength(MAX_ATTEMPTS);
  });
});
