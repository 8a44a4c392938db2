import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { StaffSession } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../test/support/runtime.js';
import { DEMO_ADMIN } from '../modules/identity/index.js';

/**
 * A logger that resolves `requestArrived` when Fastify logs the first "incoming request" for
 * the login route: from then on the request is in flight inside the server.
 */
function watchingLogger() {
  let arrived!: () => void;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; req?: { url?: string } };
        if (entry.msg === 'incoming request' && entry.req?.url === '/api/v1/auth/login') arrived();
      }
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), requestArrived };
}

let rt: TestRuntime | undefined;
afterAll(async () => {
  await rt?.close().catch(() => undefined);
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new connections', async () => {
    const { logger, requestArrived } = watchingLogger();
    rt = await startTestRuntime({ logger });
    const runtime = rt;
    await runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const address = runtime.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
    const base = `http://127.0.0.1:${address.port}`;

    // Login runs argon2 verification (tens of ms) and then writes the session: real work to finish.
    const inFlight = fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }),
    });
    await requestArrived;
    const closing = runtime.close();

    const res = await inFlight;
    expect(res.status).toBe(200);
    const body = (await res.json()) as StaffSession;
    expect(body.user.email).toBe(DEMO_ADMIN.email);
    expect(res.headers.get('set-cookie')).toMatch(/^oc_session=/);
    await closing;
    rt = undefined;

    // The session the in-flight request wrote was committed before the database closed: a new
    // runtime on the same database accepts it.
    const after = await startTestRuntime({ config: runtime.config });
    try {
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      expect((await after.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    } finally {
      await after.close();
    }

    const refused = await fetch(`${base}/healthz`).then(
      () => 'answered',
      (e: unknown) => (e instanceof Error && e.cause && typeof e.cause === 'object' && 'code' in e.cause ? String(e.cause.code) : String(e)),
    );
    expect(refused).toBe('ECONNREFUSED');
  });
});
