import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER, type StaffRole } from '@ordercare/contracts';
import type { Audience, Principal } from '../auth/principal.js';
import { safeEqual } from '../auth/tokens.js';
import { HttpProblem } from './problem.js';

/**
 * What every API route must declare: `'public'`, `'portal'` (a signed-in customer), or the staff
 * roles allowed. An empty list means nobody. A route under /api without `access` stops start-up.
 */
export type Access = 'public' | 'portal' | readonly StaffRole[];

export interface AccessOptions {
  /** Login endpoints set this: there is no session yet whose token could be echoed. */
  csrfExempt?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    accessTable: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

export type Authenticate = (request: FastifyRequest, audience: Audience) => Promise<Principal | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAccessControl(app: FastifyInstance, authenticate: Authenticate): void {
  app.decorateRequest('principal', null);
  app.decorate('accessTable', [] as RouteAccess[]);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`Route ${String(route.method)} ${route.url} declares no access roles`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.accessTable.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const principal = await authenticate(request, access === 'portal' ? 'portal' : 'staff');
    if (!principal) throw new HttpProblem(401, 'unauthenticated', 'Sign in or send an API key in the Authorization header.');
    if (access !== 'portal') {
      if (principal.kind === 'portal' || !access.includes(principal.role)) {
        throw new HttpProblem(403, 'forbidden', `Your role cannot do this. Allowed roles: ${access.join(', ') || 'none'}.`);
      }
    }
    if (principal.via === 'cookie' && !SAFE_METHODS.has(request.method) && !request.routeOptions.config.csrfExempt) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken)) {
        throw new HttpProblem(403, 'csrf_failed', `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
      }
    }
    request.principal = principal;
  });
}
