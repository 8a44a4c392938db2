import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointTiming } from '../../db/checkpointer.js';
import { registerMetrics } from '../metrics.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('HTTP conventions', () => {
  it('answers an unauthenticated write with 401 problem+json', async () => {
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/users', payload: { email: 'a@b.co' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated', title: 'Unauthorized' });
  });

  it('answers a wrong role with 403 and names the allowed roles', async () => {
    const res = await rt.app.inject({ method: 'POST', url: '/api/v1/users', headers: await rt.asRole('sales'), payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
    expect(res.json().detail).toContain('admin');
  });

  it('answers a malformed body with 400 naming every bad field, unknown ones included', async () => {
    const res = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: await rt.asRole('admin'),
      payload: { email: 'not-an-email', name: '', role: 'king', password: 'short', colour: 'blue' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.colour', 'body.email', 'body.name', 'body.password', 'body.role']);
    expect(body.detail).toContain('body.password');
  });

  it('answers invalid JSON, a wrong content type and an oversized body with 4xx, never 5xx', async () => {
    const admin = await rt.asRole('admin');
    const badJson = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"name": "x",' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('validation_failed');

    const text = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('unsupported_media_type');

    const huge = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2_000_000), role: 'admin' }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');

    const wrongType = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin, payload: { name: 42, role: ['admin'] } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.name', 'body.role']);
  });

  it('answers unknown API routes with a problem 404 and unknown pages with the web app or a hint', async () => {
    const api = await rt.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('not_found');
  });

  it('echoes or creates a request id', async () => {
    const given = await rt.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await rt.app.inject({ method: 'GET', url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await rt.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    await rt.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    const metrics = await rt.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('ordercare_http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/ordercare_outbox_events\{status="pending"\} \d+/);
  });

  it("adds each SQLite checkpoint's hold on the write lock to the metrics when the database reports them", async () => {
    let report: ((timing: CheckpointTiming) => void) | undefined;
    const app = Fastify();
    registerMetrics(app, rt.database.db, (listener) => (report = listener));
    try {
      report!({ waitMs: 3, heldMs: 12 });
      report!({ waitMs: 0, heldMs: 0.5 });
      const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(body).toContain('ordercare_sqlite_checkpoint_lock_seconds_bucket{le="0.001"} 1');
      expect(body).toContain('ordercare_sqlite_checkpoint_lock_seconds_bucket{le="0.01"} 1');
      expect(body).toContain('ordercare_sqlite_checkpoint_lock_seconds_bucket{le="0.025"} 2');
      expect(body).toMatch(/ordercare_sqlite_checkpoint_lock_seconds_sum 0\.0125\b/);
    } finally {
      await app.close();
    }
    // Without a checkpointer thread (PostgreSQL, or these tests' runtime) the metric is absent.
    expect((await rt.app.inject({ method: 'GET', url: '/metrics' })).body).not.toContain('ordercare_sqlite_checkpoint_lock_seconds');
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas, and a reference page', async () => {
    const res = await rt.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(doc.paths['/api/v1/users'].post.description).toContain('Roles: admin');
    const docs = await rt.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });
});
