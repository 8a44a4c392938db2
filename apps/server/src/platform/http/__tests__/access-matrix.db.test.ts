import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, STAFF_ROLES, type PortalSession, type StaffRole } from '@ordercare/contracts';
import { sessionCookie, startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { DEMO_CUSTOMER } from '../../../modules/identity/index.js';
import { registerAccessControl, type RouteAccess } from '../access.js';
import { registerErrorHandling } from '../errors.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

const DUMMY_ID = 'zzz_01NOTAREALID0000000000000';

type Headers = Record<string, string>;
type Expectation = 'allowed' | 401 | 403;

function call(route: RouteAccess, headers: Headers, method = route.method) {
  const url = route.url.replace(/:[A-Za-z]+/g, DUMMY_ID);
  return rt.app.inject({ method: method as 'GET', url, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { payload: {} }) });
}

/** A fresh portal session per call: the portal logout route would otherwise end a shared one. */
async function portalHeaders(): Promise<Headers> {
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password } });
  expect(res.statusCode).toBe(200);
  return { cookie: sessionCookie(res), [CSRF_HEADER]: res.json<PortalSession>().csrfToken };
}

function expectationFor(route: RouteAccess, who: { kind: 'anonymous' } | { kind: 'staff'; role: StaffRole } | { kind: 'portal' }): Expectation {
  const { access } = route;
  if (access === 'public') return 'allowed';
  if (who.kind === 'anonymous') return 401;
  if (access === 'portal') return who.kind === 'portal' ? 'allowed' : 401;
  if (who.kind === 'portal') return 401; // the staff audience never reads the portal cookie
  return access.includes(who.role) ? 'allowed' : 403;
}

function matches(expected: Expectation, status: number, code: string | undefined): boolean {
  if (expected === 'allowed') return status !== 401 && status !== 403 && status < 500;
  return status === expected && code === (expected === 401 ? 'unauthenticated' : 'forbidden');
}

/** Every `METHOD /path` Fastify routes, read from printRoutes' tree (HEAD left out, as in accessTable). */
function routedEndpoints(tree: string): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.add(`${method} ${path}`);
  }
  return out;
}

describe('authorization matrix', () => {
  it('declares access for every /api route, and the table lists exactly the routed /api endpoints', () => {
    const table = rt.app.accessTable;
    const declared = new Set(table.map((r) => `${r.method} ${r.url}`));
    expect(declared.size).toBe(table.length);
    expect(declared).toContain('POST /api/v1/users');
    expect(declared).toContain('GET /api/v1/portal/auth/me');

    const routed = routedEndpoints(rt.app.printRoutes({ commonPrefix: false }));
    expect(routed).toContain('GET /healthz'); // the parser sees non-API routes too
    const routedApi = [...routed].filter((e) => e.split(' ')[1]!.startsWith('/api/')).sort();
    expect(routedApi).toEqual([...declared].sort());
    for (const r of table) expect(rt.app.hasRoute({ method: r.method as 'GET', url: r.url })).toBe(true);
  });

  it('answers anonymous, each staff role and a portal customer exactly as each route declares', async () => {
    const roleHeaders = new Map<StaffRole, Headers>();
    for (const role of STAFF_ROLES) roleHeaders.set(role, await rt.asRole(role));
    const failures: string[] = [];
    let checks = 0;
    const check = async (route: RouteAccess, label: string, expected: Expectation, headers: Headers) => {
      const res = await call(route, headers);
      const code = res.headers['content-type']?.toString().includes('json') && res.body ? (res.json<{ code?: string }>().code) : undefined;
      checks += 1;
      if (!matches(expected, res.statusCode, code)) failures.push(`${route.method} ${route.url} as ${label}: expected ${expected}, got ${res.statusCode} ${code ?? ''}`);
    };

    for (const route of rt.app.accessTable) {
      await check(route, 'anonymous', expectationFor(route, { kind: 'anonymous' }), {});
      for (const role of STAFF_ROLES) await check(route, `api key ${role}`, expectationFor(route, { kind: 'staff', role }), roleHeaders.get(role)!);
      await check(route, 'portal customer', expectationFor(route, { kind: 'portal' }), await portalHeaders());
    }
    expect(failures).toEqual([]);
    expect(checks).toBe(rt.app.accessTable.length * (2 + STAFF_ROLES.length));
  });

  it('answers 401 to a staff session cookie on portal routes', async () => {
    const staff = await rt.signIn();
    const portalRoutes = rt.app.accessTable.filter((r) => r.access === 'portal');
    expect(portalRoutes.length).toBeGreaterThan(0);
    for (const route of portalRoutes) {
      const res = await call(route, staff.headers);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    expect((await rt.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: staff.headers })).statusCode).toBe(200);
  });

  it('guards the automatic HEAD twin of every non-public GET route', async () => {
    const gets = rt.app.accessTable.filter((r) => r.method === 'GET' && r.access !== 'public');
    expect(gets.length).toBeGreaterThan(0);
    for (const route of gets) {
      const res = await call(route, {}, 'HEAD');
      expect(res.statusCode, `HEAD ${route.url}`).toBe(401);
    }
  });
});

describe('registerAccessControl', () => {
  it('refuses at start-up an /api route that declares no access', async () => {
    const app = Fastify();
    registerAccessControl(app, async () => null);
    // onRoute hooks run while the route is declared, so the declaration itself throws.
    expect(() => app.post('/api/v1/x', async () => ({}))).toThrow(/declares no access/);
    expect(() => app.get('/not-api', async () => ({}))).not.toThrow();
    app.get('/api/v1/open', { config: { access: 'public' } }, async () => ({ ok: true }));
    // Inside a plugin the same error surfaces from ready().
    app.register(async (child) => {
      child.get('/api/v1/inside-plugin', async () => ({}));
    });
    await expect(app.ready()).rejects.toThrow(/declares no access/);
    expect(app.accessTable.map((r) => r.url)).toEqual(['/api/v1/open']);
    await app.close();
  });

  it('lets nobody call a route whose role list is empty', async () => {
    const app = Fastify();
    registerErrorHandling(app);
    registerAccessControl(app, async () => ({ kind: 'api_key', id: 'key_1', role: 'admin', via: 'bearer' }));
    app.get('/api/v1/nobody', { config: { access: [] } }, async () => ({ ok: true }));
    app.get('/api/v1/admins', { config: { access: ['admin'] } }, async () => ({ ok: true }));
    await app.ready();
    const nobody = await app.inject({ method: 'GET', url: '/api/v1/nobody' });
    expect(nobody.statusCode).toBe(403);
    expect(nobody.body).toContain('Allowed roles: none');
    expect((await app.inject({ method: 'GET', url: '/api/v1/admins' })).statusCode).toBe(200);
    await app.close();
  });
});
