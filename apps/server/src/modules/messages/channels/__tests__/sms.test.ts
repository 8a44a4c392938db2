import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../channel.js';
import { createSmsChannel } from '../sms.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

let server: http.Server;
let base = '';
let seen: Seen[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answer = { status: 200, body: '{}' };
});

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'msg_1',
  idempotencyKey: 'msg_1:sms',
  channel: 'sms',
  to: '+8613800138000',
  locale: 'zh-CN',
  subject: null,
  text: '您的订单 SO-000123 已发货',
  html: null,
  attachments: [],
  ...over,
});

const config = (over: Partial<Parameters<typeof createSmsChannel>[0]> = {}) => ({ smsUrl: `${base}/v1/sms`, smsToken: 'tok-123', smsSender: undefined, smsMaxSegments: 6, ...over });

describe('SMS channel (HTTP provider)', () => {
  it('is not configured without SMS_URL and sends nothing', async () => {
    const ch = createSmsChannel({ smsUrl: undefined, smsToken: undefined, smsSender: undefined, smsMaxSegments: 6 });
    expect(ch).toMatchObject({ id: 'sms', configured: false, acceptsIdempotencyKey: true });
    expect((await ch.send(message())).ok).toBe(false);
  });

  it('POSTs { to, text, reference } with a bearer token and the idempotency key; 2xx is sent with the provider id', async () => {
    answer = { status: 201, body: JSON.stringify({ id: 'prov-42', status: 'queued' }) };
    const ch = createSmsChannel(config({ smsSender: 'OrderCare' }));
    expect(ch.configured).toBe(true);
    const outcome = await ch.send(message());
    expect(outcome).toEqual({ ok: true, providerMessageId: 'prov-42', status: 'sent' });
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1/sms');
    expect(req?.headers['authorization']).toBe('Bearer tok-123');
    expect(req?.headers['idempotency-key']).toBe('msg_1:sms');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({ to: '+8613800138000', text: '您的订单 SO-000123 已发货', reference: 'msg_1:sms', from: 'OrderCare' });
  });

  it('uses basic auth from credentials in the URL when there is no token, and strips them from the URL', async () => {
    answer = { status: 200, body: 'accepted' };
    const url = new URL(`${base}/send`);
    url.username = 'acct';
    url.password = 'p@ss';
    const outcome = await createSmsChannel(config({ smsUrl: url.toString(), smsToken: undefined })).send(message());
    expect(outcome).toEqual({ ok: true, providerMessageId: null, status: 'sent' });
    expect(seen[0]?.headers['authorization']).toBe(`Basic ${Buffer.from('acct:p@ss').toString('base64')}`);
    expect(seen[0]?.url).toBe('/send');
  });

  it('maps 4xx to a permanent failure carrying the body excerpt', async () => {
    answer = { status: 400, body: JSON.stringify({ error: 'invalid phone number' }) };
    const outcome = await createSmsChannel(config()).send(message({ to: '+1' }));
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(!outcome.ok && outcome.error).toContain('HTTP 400');
    expect(!outcome.ok && outcome.error).toContain('invalid phone number');
  });

  it('maps 5xx and 429 to a temporary failure', async () => {
    answer = { status: 503, body: 'maintenance' };
    expect(await createSmsChannel(config()).send(message())).toMatchObject({ ok: false, permanent: false });
    answer = { status: 429, body: 'slow down' };
    expect(await createSmsChannel(config()).send(message())).toMatchObject({ ok: false, permanent: false });
  });

  it('maps a refused connection to a temporary failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await createSmsChannel(config({ smsUrl: `http://127.0.0.1:${port}/sms` })).send(message());
    expect(outcome).toMatchObject({ ok: false, permanent: false });
  });

  it('refuses texts over the maximum of segments, naming the counts, without calling the provider', async () => {
    const outcome = await createSmsChannel(config({ smsMaxSegments: 2 })).send(message({ text: '单'.repeat(135) }));
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(!outcome.ok && outcome.error).toContain('3 SMS segments');
    expect(!outcome.ok && outcome.error).toContain('135 UCS-2');
    expect(!outcome.ok && outcome.error).toContain('maximum is 2');
    expect(seen).toHaveLength(0);
  });
});
