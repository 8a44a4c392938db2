import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, MessageTemplate, Problem, TemplatePreview } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { testConfig } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createWorker } from '../../../platform/outbox/index.js';
import { messagesHandlers, OUTCOME_UNKNOWN } from '../index.js';
import { createCustomer, messagesOf, placeOrder, seedStock, startSmtp, type TestSmtp } from './helpers.js';

const HOUR = 3_600_000;
const clock = manualClock(); // 09:00 UTC = 17:00 in Shanghai: outside the default quiet hours
let rt: TestRuntime;
let smtp: TestSmtp;
let li: Customer;
let wang: Customer;

beforeAll(async () => {
  smtp = await startSmtp();
  rt = await startTestRuntime({ clock, config: await testConfig({ SMTP_URL: smtp.url }) });
  await seedStock(rt);
  li = await createCustomer(rt, { name: 'Li Wei <b>', email: 'li@example.com', locale: 'en', preferredChannel: 'email' });
  wang = await createCustomer(rt, { name: '王芳', email: 'wang@example.cn', locale: 'zh-CN', preferredChannel: 'email' });
  await rt.worker.drain();
});
afterAll(async () => {
  await rt?.close();
  await smtp?.close();
});

describe('email over a real SMTP server', () => {
  it('sends the order confirmation in English with text, escaped HTML, the PDF and a stable Message-ID', async () => {
    const before = smtp.received.length;
    const order = await placeOrder(rt, li.id);
    await rt.worker.drain();
    expect(smtp.received.length - before).toBe(1);
    const mail = await smtp.parsed(before);
    expect(mail.subject).toBe(`Order ${order.number} confirmed`);
    expect(mail.text).toContain('Dear Li Wei <b>,');
    expect(mail.text).toContain('10 × Bolt M8 (BOLT-M8)');
    expect(mail.html).toContain('Dear Li Wei &lt;b&gt;,');
    expect(mail.html).not.toContain('<b>,');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[expect.stringMatching(/\.pdf$/), 'application/pdf']]);
    expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const [message] = await messagesOf(rt, `orderId=${order.id}`);
    expect(message).toMatchObject({ channel: 'email', to: 'li@example.com', status: 'sent', templateKey: 'order_confirmation', templateVersion: 0, locale: 'en', attempts: 1, eventType: 'order.placed' });
    expect(mail.messageId).toBe(`<${message!.id}@ordercare.local>`);
  });

  it('sends it in Simplified Chinese to a Chinese-speaking customer', async () => {
    const before = smtp.received.length;
    const order = await placeOrder(rt, wang.id);
    await rt.worker.drain();
    expect(smtp.received.length - before).toBe(1);
    const mail = await smtp.parsed(before);
    expect(mail.subject).toBe(`订单 ${order.number} 已确认`);
    expect(mail.text).toContain('尊敬的 王芳：');
    expect(mail.text).toContain('订单确认书见附件');
    expect(mail.html).toContain('尊敬的 王芳：');
    const [message] = await messagesOf(rt, `orderId=${order.id}`);
    expect(message).toMatchObject({ locale: 'zh-CN', status: 'sent' });
  });

  it('a crash between sending and marking sent does not send again: the message is reported instead', async () => {
    const order = await placeOrder(rt, li.id);
    const before = smtp.received.length;
    // A worker that dies right after the SMTP server accepted the message, before recording it.
    const crashing = createWorker({ db: rt.deps.db, ops: rt.deps.ops, clock, logger: rt.deps.logger, handlers: messagesHandlers(rt.deps, { hooks: { afterSend: () => { throw new Error('worker killed'); } } }) });
    await crashing.drain();
    expect(smtp.received.length - before).toBe(1);
    expect((await messagesOf(rt, `orderId=${order.id}`))[0]).toMatchObject({ status: 'sending' });
    // Restart: the normal worker picks the event up again after its back-off.
    clock.advance(HOUR);
    await rt.worker.drain();
    clock.advance(HOUR);
    await rt.worker.drain();
    expect(smtp.received.length - before).toBe(1); // the customer received one message
    const [message] = await messagesOf(rt, `orderId=${order.id}`);
    expect(message).toMatchObject({ status: 'failed', statusReason: OUTCOME_UNKNOWN, reason: { code: 'outcome_unknown' } });
    expect((await messagesOf(rt, `customerId=${li.id}&status=failed`)).map((m) => m.id)).toContain(message!.id);
    // Staff decide to resend: exactly one more.
    const res = await rt.app.inject({ method: 'POST', url: `/api/v1/messages/${message!.id}/resend`, headers: await rt.asRole('support') });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', statusReason: 'resent by staff', reason: { code: 'resent' } });
    await rt.worker.drain();
    expect(smtp.received.length - before).toBe(2);
    expect((await messagesOf(rt, `orderId=${order.id}`))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('retries a temporary refusal with back-off and reports a permanent one with the reason', async () => {
    smtp.refuse.push(451);
    const order = await placeOrder(rt, li.id);
    await rt.worker.drain();
    let [message] = await messagesOf(rt, `orderId=${order.id}`);
    expect(message).toMatchObject({ status: 'queued', attempts: 1, reason: { code: 'retrying' } });
    expect(message!.statusReason).toMatch(/attempt 1 failed: .*451/);
    clock.advance(2 * 60_000);
    await rt.worker.drain();
    [message] = await messagesOf(rt, `orderId=${order.id}`);
    expect(message).toMatchObject({ status: 'sent', attempts: 2, statusReason: null, reason: null });

    smtp.refuse.push(550);
    const refused = await placeOrder(rt, li.id);
    await rt.worker.drain();
    [message] = await messagesOf(rt, `orderId=${refused.id}`);
    expect(message).toMatchObject({ status: 'failed', attempts: 1, reason: { code: 'send_failed' } });
    expect(message!.statusReason).toMatch(/550/);
  });

  it('templates: a bad edit is refused with its line, a good one makes a version the next message records', async () => {
    const admin = await rt.asRole('admin');
    const url = '/api/v1/templates/order_confirmation/email/en';
    const current = (await rt.app.inject({ method: 'GET', url, headers: admin })).json<MessageTemplate>();
    expect(current.version).toBe(0);
    const bad = await rt.app.inject({ method: 'PUT', url, headers: admin, payload: { ...pick(current), text: 'Hello\n{% include "/etc/passwd" %}' } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json<Problem>()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.text', message: expect.stringMatching(/line 2/) }] });
    const good = await rt.app.inject({ method: 'PUT', url, headers: admin, payload: { ...pick(current), subject: 'Thanks for {{ order.number }}' } });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json<MessageTemplate>()).toMatchObject({ version: 1, subject: 'Thanks for {{ order.number }}' });
    const versions = (await rt.app.inject({ method: 'GET', url: `${url}/versions`, headers: admin })).json<{ data: MessageTemplate[] }>().data;
    expect(versions.map((v) => v.version)).toEqual([1, 0]);
    expect((await rt.app.inject({ method: 'PUT', url, headers: await rt.asRole('sales'), payload: pick(current) })).statusCode).toBe(403);

    const before = smtp.received.length;
    const order = await placeOrder(rt, li.id);
    await rt.worker.drain();
    expect((await smtp.parsed(before)).subject).toBe(`Thanks for ${order.number}`);
    expect((await messagesOf(rt, `orderId=${order.id}`))[0]).toMatchObject({ templateVersion: 1 });

    const preview = await rt.app.inject({ method: 'POST', url: '/api/v1/templates/preview', headers: admin, payload: { key: 'order_confirmation', channel: 'email', locale: 'zh-CN', subject: '{{ order.number }} / {{ customer.name }}', text: '{{ order.total }}', html: '<i>{{ customer.name }}</i>', attachments: [], orderNumber: order.number } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json<TemplatePreview>()).toMatchObject({ subject: `${order.number} / Li Wei <b>`, html: '<i>Li Wei &lt;b&gt;</i>', orderNumber: order.number });
    expect(preview.json<TemplatePreview>().text).toMatch(/100\.00/);
  });

  it('test-send emails the signed-in user, and staff can send a one-off message idempotently', async () => {
    const { headers } = await rt.signIn();
    const before = smtp.received.length;
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/templates/status_update/email/zh-CN/test-send', headers, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sent: true });
    expect(smtp.received.length - before).toBe(1);
    expect((await smtp.parsed(before)).subject).toMatch(/^\[TEST\] 订单/);

    const sales = { ...(await rt.asRole('sales')), 'idempotency-key': 'one-off-1' };
    const payload = { customerId: li.id, text: 'Your samples are ready.', subject: 'Samples' };
    const first = await rt.app.inject({ method: 'POST', url: '/api/v1/messages', headers: sales, payload });
    const again = await rt.app.inject({ method: 'POST', url: '/api/v1/messages', headers: sales, payload });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    await rt.worker.drain();
    expect(smtp.received.length - before).toBe(2);
    expect((await smtp.parsed(before + 1)).text).toContain('Your samples are ready.');
  });
});

function pick(t: MessageTemplate) {
  return { subject: t.subject, text: t.text, html: t.html, attachments: t.attachments };
}
