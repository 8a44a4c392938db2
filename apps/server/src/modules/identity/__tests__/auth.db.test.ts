import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, type ApiKeyRecord, type PortalSession, type Problem, type StaffSession, type UserRecord } from '@ordercare/contracts';
import { sessionCookie, startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { DEMO_ADMIN, DEMO_CUSTOMER } from '../index.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

type CreatedKey = ApiKeyRecord & { token: string };

function login(email: string, password: string, remoteAddress?: string) {
  return rt.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, ...(remoteAddress ? { remoteAddress } : {}) });
}

function portalLogin(email: string, password: string) {
  return rt.app.inject({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email, password } });
}

function get(url: string, headers: Record<string, string> = {}) {
  return rt.app.inject({ method: 'GET', url, headers });
}

/** The raw Set-Cookie line for a cookie name. */
function setCookieLine(res: LightMyRequestResponse, name: string): string {
  const line = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie for ${name}: ${JSON.stringify(res.headers['set-cookie'])}`);
  return line;
}

function expectUnauthenticated(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(401);
  expect(res.json<Problem>().code).toBe('unauthenticated');
}

async function createStaffUser(email: string, password: string): Promise<UserRecord> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/users', headers: await rt.asRole('admin'), payload: { email, name: 'Test User', role: 'support', password } });
  expect(res.statusCode).toBe(201);
  return res.json<UserRecord>();
}

describe('staff sessions', () => {
  it('signs in with a session cookie that is HttpOnly, SameSite=Lax, Path=/ and not Secure on plain http', async () => {
    const res = await login(DEMO_ADMIN.email, DEMO_ADMIN.password);
    expect(res.statusCode).toBe(200);
    const body = res.json<StaffSession>();
    expect(body.user).toMatchObject({ email: DEMO_ADMIN.email, role: 'admin', locale: 'en' });
    expect(body.user.id).toMatch(/^usr_/);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(res.body).not.toContain('argon2');

    const line = setCookieLine(res, 'oc_session');
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    expect(line).toMatch(/;\s*Path=\/(;|$)/);
    expect(line).not.toMatch(/;\s*Secure/i);
    const token = line.slice('oc_session='.length).split(';')[0]!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(res.body).not.toContain(token);
  });

  it('accepts the cookie on GET /auth/me and answers the same user and CSRF token', async () => {
    const s = await rt.signIn();
    const me = await get('/api/v1/auth/me', { cookie: s.cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json<StaffSession>()).toMatchObject({ user: { email: DEMO_ADMIN.email }, csrfToken: s.csrf });
    expectUnauthenticated(await get('/api/v1/auth/me'));
    expectUnauthenticated(await get('/api/v1/auth/me', { cookie: 'oc_session=not-a-real-session' }));
  });

  it('logs out with 204, after which the cookie no longer works', async () => {
    const s = await rt.signIn();
    const out = await rt.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect(setCookieLine(out, 'oc_session')).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expectUnauthenticated(await get('/api/v1/auth/me', { cookie: s.cookie }));
    // Another session of the same user is unaffected.
    const other = await rt.signIn();
    expect((await get('/api/v1/auth/me', { cookie: other.cookie })).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the right X-CSRF-Token, and accepts it with the token', async () => {
    const s = await rt.signIn();
    const other = await rt.signIn();
    const patch = (headers: Record<string, string>) => rt.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers, payload: { locale: 'zh-CN' } });

    const refused: Array<Record<string, string>> = [{ cookie: s.cookie }, { cookie: s.cookie, [CSRF_HEADER]: 'wrong-token' }, { cookie: s.cookie, [CSRF_HEADER]: other.csrf }];
    for (const headers of refused) {
      const res = await patch(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>().code).toBe('csrf_failed');
    }
    // A logout without the token is refused too, and leaves the session alive.
    const out = await rt.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } });
    expect(out.statusCode).toBe(403);
    expect((await get('/api/v1/auth/me', { cookie: s.cookie })).json<StaffSession>().user.locale).toBe('en');

    const ok = await patch(s.headers);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<StaffSession>().user.locale).toBe('zh-CN');
    expect((await get('/api/v1/auth/me', { cookie: s.cookie })).json<StaffSession>().user.locale).toBe('zh-CN');
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await rt.deps.db.selectFrom('users').select('password_hash').where('email', '=', DEMO_ADMIN.email).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain(DEMO_ADMIN.password);
  });
});

describe('API keys', () => {
  it('work as Bearer tokens without CSRF, are never listed with their token, and stop working when revoked', async () => {
    const s = await rt.signIn();
    const created = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: s.headers, payload: { name: 'integration', role: 'admin' } });
    expect(created.statusCode).toBe(201);
    const key = created.json<CreatedKey>();
    expect(key.token).toMatch(/^oc_[A-Za-z0-9_-]{40,}$/);
    expect(key.prefix).toBe(key.token.slice(0, 8));
    const bearer = { authorization: `Bearer ${key.token}` };

    expect((await get('/api/v1/users', bearer)).statusCode).toBe(200);
    // A write with the key alone: no cookie, no CSRF token.
    const write = await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer, payload: { name: 'child', role: 'sales' } });
    expect(write.statusCode).toBe(201);

    const list = await get('/api/v1/api-keys', bearer);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key.token);
    const listed = list.json<{ data: Array<Record<string, unknown>> }>().data;
    expect(listed.find((k) => k.id === key.id)).toMatchObject({ name: 'integration', role: 'admin', prefix: key.prefix, revokedAt: null });
    for (const k of listed) expect(k).not.toHaveProperty('token');

    const stored = await rt.deps.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(Object.values(stored)).not.toContain(key.token);

    const revoked = await rt.app.inject({ method: 'POST', url: `/api/v1/api-keys/${key.id}/revoke`, headers: s.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<ApiKeyRecord>().revokedAt).not.toBeNull();
    expectUnauthenticated(await get('/api/v1/users', bearer));
    expectUnauthenticated(await rt.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer, payload: { name: 'after', role: 'admin' } }));
  });

  it('rejects an unknown or malformed bearer token with 401', async () => {
    expectUnauthenticated(await get('/api/v1/users', { authorization: 'Bearer oc_doesnotexist' }));
    expectUnauthenticated(await get('/api/v1/users', { authorization: 'Bearer not-even-our-prefix' }));
  });
});

describe('sign-in failures', () => {
  it('does not reveal whether an email exists: unknown email and wrong password answer the same', async () => {
    const unknown = await login('nobody-here@example.com', 'some-password', '10.9.0.1');
    const wrong = await login(DEMO_ADMIN.email, 'not-the-password', '10.9.0.1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.json<Problem>()).toEqual(unknown.json<Problem>());
    expect(unknown.json<Problem>().code).toBe('invalid_credentials');
    expect(unknown.headers['set-cookie']).toBeUndefined();

    const portalUnknown = await portalLogin('nobody-here@example.com', 'some-password');
    const portalWrong = await portalLogin(DEMO_CUSTOMER.email, 'not-the-password');
    expect(portalWrong.statusCode).toBe(401);
    expect(portalWrong.json<Problem>()).toEqual(portalUnknown.json<Problem>());
  });

  it('blocks an email from an address after 5 failures, even with the right password; other addresses are not blocked', async () => {
    const email = 'sales@example.com';
    for (let i = 0; i < 5; i++) {
      const res = await login(email, `wrong-${i}`, '10.7.7.7');
      expect(res.statusCode).toBe(401);
    }
    const blocked = await login(email, DEMO_ADMIN.password, '10.7.7.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<Problem>().code).toBe('rate_limited');
    expect(blocked.headers['set-cookie']).toBeUndefined();

    expect((await login(email, DEMO_ADMIN.password, '10.7.7.8')).statusCode).toBe(200);
    // The same address may still sign in as someone else.
    expect((await login('warehouse@example.com', DEMO_ADMIN.password, '10.7.7.7')).statusCode).toBe(200);
  });

  // errors.ts adds Retry-After to every 429 rate_limited problem, but only to thrown HttpProblems;
  // the login routes answer through sendProblem, so the header never appears (see the report).
  it('tells a throttled client when to retry (Retry-After on the 429)', async () => {
    for (let i = 0; i < 5; i++) await login('finance@example.com', `wrong-${i}`, '10.7.7.9');
    const blocked = await login('finance@example.com', 'wrong-again', '10.7.7.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('refuses a disabled user and ends their existing sessions', async () => {
    const user = await createStaffUser('leaver@example.com', 'leaver-password-1');
    const s = await rt.signIn('leaver@example.com', 'leaver-password-1');
    expect((await get('/api/v1/auth/me', { cookie: s.cookie })).statusCode).toBe(200);

    await rt.deps.db.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();

    expectUnauthenticated(await get('/api/v1/auth/me', { cookie: s.cookie }));
    const again = await login('leaver@example.com', 'leaver-password-1', '10.9.0.2');
    const unknown = await login('never-existed@example.com', 'leaver-password-1', '10.9.0.2');
    expect(again.statusCode).toBe(401);
    expect(again.json<Problem>()).toEqual(unknown.json<Problem>());
  });
});

describe('customer portal sessions', () => {
  it('signs the demo customer in with an oc_portal cookie', async () => {
    const res = await portalLogin(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password);
    expect(res.statusCode).toBe(200);
    expect(res.json<PortalSession>().account).toMatchObject({ email: DEMO_CUSTOMER.email, customerId: DEMO_CUSTOMER.customerId });
    const line = setCookieLine(res, 'oc_portal');
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    expect(res.headers['set-cookie']).not.toEqual(expect.arrayContaining([expect.stringMatching(/^oc_session=/)]));
    expect((await get('/api/v1/portal/auth/me', { cookie: sessionCookie(res) })).statusCode).toBe(200);
  });

  it('keeps staff and portal credentials apart', async () => {
    const portal = await portalLogin(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password);
    const portalCookie = sessionCookie(portal);
    const portalToken = portalCookie.slice('oc_portal='.length);
    const staff = await rt.signIn();
    const staffToken = staff.cookie.slice('oc_session='.length);

    expectUnauthenticated(await get('/api/v1/auth/me', { cookie: portalCookie }));
    // Even a portal token smuggled under the staff cookie's name is not a staff session, and vice versa.
    expectUnauthenticated(await get('/api/v1/auth/me', { cookie: `oc_session=${portalToken}` }));
    expectUnauthenticated(await get('/api/v1/portal/auth/me', { cookie: staff.cookie }));
    expectUnauthenticated(await get('/api/v1/portal/auth/me', { cookie: `oc_portal=${staffToken}` }));
    expectUnauthenticated(await get('/api/v1/portal/auth/me', await rt.asRole('admin')));

    const staffOnPortal = await portalLogin(DEMO_ADMIN.email, DEMO_ADMIN.password);
    expect(staffOnPortal.statusCode).toBe(401);
    expect(staffOnPortal.json<Problem>().code).toBe('invalid_credentials');
    const portalOnStaff = await login(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password, '10.9.0.3');
    expect(portalOnStaff.statusCode).toBe(401);
  });
});
