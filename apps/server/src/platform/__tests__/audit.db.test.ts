import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyRecord, AuditEntry, Problem, StaffSession, UserRecord } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

type Page<T> = { data: T[]; nextCursor: string | null };

async function auditOf(entityType: string, entityId: string): Promise<AuditEntry[]> {
  const res = await rt.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityType=${entityType}&entityId=${entityId}`, headers: await rt.asRole('admin') });
  expect(res.statusCode).toBe(200);
  const { data } = res.json<Page<AuditEntry>>();
  for (const e of data) expect(e).toMatchObject({ entityType, entityId });
  return data;
}

/** An admin API key made through the API, so the test knows its id. */
async function adminKey(): Promise<{ id: string; headers: Record<string, string> }> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: await rt.asRole('admin'), payload: { name: 'audit actor', role: 'admin' } });
  expect(res.statusCode).toBe(201);
  const key = res.json<ApiKeyRecord & { token: string }>();
  return { id: key.id, headers: { authorization: `Bearer ${key.token}` } };
}

describe('audit log', () => {
  it('records a user creation: actor, action, request id and field changes with the password redacted', async () => {
    const key = await adminKey();
    const res = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: key.headers,
      payload: { email: 'new.hire@example.com', name: 'New Hire', role: 'sales', password: 'a-secret-password' },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json<UserRecord>();
    const requestId = res.headers['x-request-id'];
    expect(typeof requestId).toBe('string');

    const entries = await auditOf('user', user.id);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({ actorType: 'api_key', actorId: key.id, action: 'user.created', entityType: 'user', entityId: user.id, requestId });
    expect(entry.changes).toEqual({
      email: { from: null, to: 'new.hire@example.com' },
      name: { from: null, to: 'New Hire' },
      role: { from: null, to: 'sales' },
      locale: { from: null, to: 'en' },
      active: { from: null, to: true },
      password: { from: null, to: '[redacted]' },
    });
    expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000);

    const raw = await rt.deps.db.selectFrom('audit_log').select('changes').where('entity_id', '=', user.id).execute();
    for (const row of raw) {
      expect(row.changes).not.toContain('a-secret-password');
      expect(row.changes).not.toContain('$argon2');
    }
  });

  it('keeps a request id sent by the client', async () => {
    const res = await rt.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...(await rt.asRole('admin')), 'x-request-id': 'audit-trace-42' },
      payload: { email: 'traced@example.com', name: 'Traced', role: 'support', password: 'another-password' },
    });
    expect(res.statusCode).toBe(201);
    const [entry] = await auditOf('user', res.json<UserRecord>().id);
    expect(entry?.requestId).toBe('audit-trace-42');
  });

  it('records only the changed field when staff edit their own profile', async () => {
    const s = await rt.signIn('sales@example.com');
    const userId = (await rt.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).json<StaffSession>().user.id;

    const locale = await rt.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: s.headers, payload: { locale: 'en' } });
    expect(locale.statusCode).toBe(200);
    const name = await rt.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: s.headers, payload: { name: 'Li Na (Sales)' } });
    expect(name.statusCode).toBe(200);

    const updates = (await auditOf('user', userId)).filter((e) => e.action === 'user.updated');
    expect(updates).toHaveLength(2);
    const byRequest = new Map(updates.map((e) => [e.requestId, e]));
    expect(byRequest.get(String(locale.headers['x-request-id']))).toMatchObject({
      actorType: 'user',
      actorId: userId,
      changes: { locale: { from: 'zh-CN', to: 'en' } },
    });
    expect(byRequest.get(String(locale.headers['x-request-id']))?.changes).toEqual({ locale: { from: 'zh-CN', to: 'en' } });
    expect(byRequest.get(String(name.headers['x-request-id']))?.changes).toEqual({ name: { from: 'Li Na', to: 'Li Na (Sales)' } });
  });

  it('lists newest first and pages with a cursor', async () => {
    const admin = await rt.asRole('admin');
    const first = await rt.app.inject({ method: 'GET', url: '/api/v1/audit-log?limit=2', headers: admin });
    expect(first.statusCode).toBe(200);
    const page1 = first.json<Page<AuditEntry>>();
    expect(page1.data).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const second = await rt.app.inject({ method: 'GET', url: `/api/v1/audit-log?limit=2&cursor=${encodeURIComponent(page1.nextCursor!)}`, headers: admin });
    const page2 = second.json<Page<AuditEntry>>();
    const ids = [...page1.data, ...page2.data].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('is readable by admin and manager only', async () => {
    const sales = await rt.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: await rt.asRole('sales') });
    expect(sales.statusCode).toBe(403);
    expect(sales.json<Problem>().code).toBe('forbidden');
    expect((await rt.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: await rt.asRole('manager') })).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'GET', url: '/api/v1/audit-log' })).statusCode).toBe(401);
  });
});
