import type { LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER } from '@ordercare/contracts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/app.js';
import type { Config } from '../../src/platform/config.js';
import { SYSTEM_ACTOR } from '../../src/platform/auth/index.js';
import { createApiKey, seedDemoIdentity, DEMO_ADMIN } from '../../src/modules/identity/index.js';
import { testConfig } from './db.js';
import type { StaffRole } from '@ordercare/contracts';

export interface TestRuntime extends Runtime {
  config: Config;
  /** Creates an API key with the role and returns `Authorization` headers for it. */
  asRole(role: StaffRole): Promise<Record<string, string>>;
  /** Signs in through the API and returns cookie + CSRF headers for writes. */
  signIn(email?: string, password?: string): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }>;
}

export async function startTestRuntime(options: RuntimeOptions & { config?: Config } = {}): Promise<TestRuntime> {
  const config = options.config ?? (await testConfig());
  const runtime = await createRuntime(config, { embeddedWorker: false, ...options });
  await seedDemoIdentity(runtime.deps);
  const keys = new Map<StaffRole, string>();
  return {
    ...runtime,
    config,
    async asRole(role) {
      let token = keys.get(role);
      if (!token) {
        token = (await runtime.deps.db.transaction().execute((tx) => createApiKey(tx, runtime.deps.clock, SYSTEM_ACTOR, { name: `test ${role}`, role }))).token;
        keys.set(role, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async signIn(email = DEMO_ADMIN.email, password = DEMO_ADMIN.password) {
      const res = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = sessionCookie(res);
      const csrf = (res.json() as { csrfToken: string }).csrfToken;
      return { cookie, csrf, headers: { cookie, [CSRF_HEADER]: csrf } };
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies[0];
  if (!c) throw new Error('no cookie set');
  return `${c.name}=${c.value}`;
}
