import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyRecord, Problem, UserRecord } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { sha256 } from '../../../platform/auth/index.js';
import { canonicalJson } from '../../../platform/http/idempotency.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

type CreatedKey = ApiKeyRecord & { token: string };
type Headers = Record<string, string>;

function post(url: string, headers: Headers, payload: Record<string, unknown>, idempotencyKey?: string) {
  return rt.app.inject({ method: 'POST', url, headers: { ...headers, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, payload });
}

async function keyRows(name: string): Promise<number> {
  return (await rt.deps.db.selectFrom('api_keys').select('id').where('name', '=', name).execute()).length;
}

async function userRows(email: string): Promise<number> {
  return (await rt.deps.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;
}

/** A second admin principal (its own API key) made through the API. */
async function anotherAdmin(): Promise<Headers> {
  const res = await post('/api/v1/api-keys', await rt.asRole('admin'), { name: 'second admin', role: 'admin' });
  expect(res.statusCode).toBe(201);
  return { authorization: `Bearer ${res.json<CreatedKey>().token}` };
}

/** Every answer is the one stored 201 (byte for byte) or 409 idempotency_in_progress; returns the 201 body. */
function expectOneOutcome(responses: LightMyRequestResponse[]): string {
  const created = responses.filter((r) => r.statusCode === 201);
  expect(created.length).toBeGreaterThanOrEqual(1);
  for (const r of responses) {
    if (r.statusCode === 201) expect(r.body).toBe(created[0]!.body);
    else {
      expect(r.statusCode).toBe(409);
      expect(r.json<Problem>().code).toBe('idempotency_in_progress');
    }
  }
  expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
  return created[0]!.body;
}

const newUser = (email: string) => ({ email, name: 'Idem User', role: 'sales', password: 'long-enough-password' });

describe('API keys and Idempotency-Key', () => {
  it('never stores a created token: POST /api-keys ignores the header, so no answer holding a secret is kept', async () => {
    const admin = await rt.asRole('admin');
    const first = await post('/api/v1/api-keys', admin, { name: 'idem-token', role: 'sales' }, 'key-token-1');
    expect(first.statusCode).toBe(201);
    const token = first.json<CreatedKey>().token;
    const rows = await rt.deps.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(rows.some((r) => r.response_body.includes(token))).toBe(false);
    expect(await keyRows('idem-token')).toBe(1);
  });
});

describe('Idempotency-Key scoping', () => {
  it('scopes keys per principal: two API keys using the same key each get their own result', async () => {
    const a = await rt.asRole('admin');
    const b = await anotherAdmin();
    const ra = await post('/api/v1/users', a, newUser('idem.scoped.a@example.com'), 'shared-key');
    const rb = await post('/api/v1/users', b, newUser('idem.scoped.b@example.com'), 'shared-key');
    expect(ra.statusCode).toBe(201);
    expect(rb.statusCode).toBe(201);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.json<UserRecord>().id).not.toBe(ra.json<UserRecord>().id);
    // Each principal's replay returns its own first answer.
    expect((await post('/api/v1/users', b, newUser('idem.scoped.b@example.com'), 'shared-key')).body).toBe(rb.body);
    expect((await post('/api/v1/users', a, newUser('idem.scoped.a@example.com'), 'shared-key')).body).toBe(ra.body);
  });
});

describe('Idempotency-Key across API processes', () => {
  it('creates one user when two runtimes on one database race with the same key', async () => {
    const second = await startTestRuntime({ config: rt.config });
    try {
      const admin = await rt.asRole('admin'); // the same API key is valid in both processes
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? rt : second).app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin, 'idempotency-key': 'key-two-processes' }, payload: newUser('idem.two@example.com') }),
        ),
      );
      expectOneOutcome(responses);
      expect(await userRows('idem.two@example.com')).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe('Idempotency-Key on POST /api/v1/users', () => {

  it('replays the first answer and creates one user; a different body with the key is 422', async () => {
    const admin = await rt.asRole('admin');
    const first = await post('/api/v1/users', admin, newUser('idem.user@example.com'), 'user-key-1');
    expect(first.statusCode).toBe(201);
    const again = await post('/api/v1/users', admin, newUser('idem.user@example.com'), 'user-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(await userRows('idem.user@example.com')).toBe(1);

    const other = await post('/api/v1/users', admin, newUser('idem.other@example.com'), 'user-key-1');
    expect(other.statusCode).toBe(422);
    expect(other.json<Problem>().code).toBe('idempotency_key_reused');
    expect(await userRows('idem.other@example.com')).toBe(0);

    // A refused request (email taken) is not stored: the key is still free for a corrected retry.
    const taken = await post('/api/v1/users', admin, newUser('idem.user@example.com'), 'user-key-2');
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>().code).toBe('email_taken');
    const fixed = await post('/api/v1/users', admin, newUser('idem.fixed@example.com'), 'user-key-2');
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('creates exactly one user for 5 concurrent requests with one key, never answering email_taken', async () => {
    const admin = await rt.asRole('admin');
    const responses = await Promise.all(Array.from({ length: 5 }, () => post('/api/v1/users', admin, newUser('idem.race@example.com'), 'user-key-race')));
    const stored = expectOneOutcome(responses);
    expect(JSON.parse(stored) as UserRecord).toMatchObject({ email: 'idem.race@example.com', role: 'sales', active: true });
    expect(await userRows('idem.race@example.com')).toBe(1);
    const audits = await rt.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'user.created').where('entity_id', '=', (JSON.parse(stored) as UserRecord).id).execute();
    expect(audits).toHaveLength(1);
  });

  // The request hash must not be a fast hash over the password: a database copy would let anyone
  // test guesses at GPU speed, bypassing argon2. Secret fields are left out of the hash.
  it('keeps nothing in idempotency_keys that verifies the new password with a fast hash', async () => {
    const payload = newUser('idem.secret@example.com');
    const res = await post('/api/v1/users', await rt.asRole('admin'), payload, 'user-key-secret');
    expect(res.statusCode).toBe(201);
    const row = await rt.deps.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'user-key-secret').executeTakeFirstOrThrow();
    expect(row.response_body).not.toContain(payload.password);
    const stored = JSON.parse(row.response_body) as UserRecord;
    const guess = (password: string) => sha256(canonicalJson({ email: stored.email, name: stored.name, role: stored.role, locale: stored.locale, password }));
    expect(row.request_hash).not.toBe(guess(payload.password));
  });
});
