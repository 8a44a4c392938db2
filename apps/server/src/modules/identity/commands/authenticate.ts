import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { sha256, type Audience, type Principal } from '../../../platform/auth/index.js';
import { addMs } from '../../../platform/clock.js';
import { API_KEY_PREFIX, PORTAL_COOKIE, SESSION_IDLE_MS, SESSION_TOUCH_MS, STAFF_COOKIE } from '../identity.js';
import * as repo from '../identity.repo.js';
import { apiKeyCache, type ApiKeyCache } from '../api-key-cache.js';

/**
 * Resolves the caller: staff routes accept the staff session cookie or a Bearer API key; portal
 * routes accept only the portal cookie. Expired, revoked or disabled credentials resolve to null.
 */
export function createAuthenticator(deps: Deps) {
  const apiKeys = apiKeyCache(deps);
  return async function authenticate(request: FastifyRequest, audience: Audience): Promise<Principal | null> {
    const now = deps.clock.now().toISOString();
    if (audience === 'staff') {
      const bearer = parseBearer(request.headers.authorization);
      if (bearer) return authenticateApiKey(deps, apiKeys, bearer, now);
    }
    const token = request.cookies[audience === 'staff' ? STAFF_COOKIE : PORTAL_COOKIE];
    if (!token) return null;
    const session = await repo.findSession(deps.db, sha256(token), audience);
    if (!session || session.expires_at <= now) return null;
    if (Date.parse(now) - Date.parse(session.last_seen_at) > SESSION_TOUCH_MS) {
      await repo.touchSession(deps.db, session.id, now, addMs(now, SESSION_IDLE_MS));
    }
    if (audience === 'staff') {
      const user = await repo.findUserById(deps.db, session.subject_id);
      if (!user || user.active !== 1) return null;
      return { kind: 'user', id: user.id, role: user.role as StaffRole, via: 'cookie', sessionId: session.id, csrfToken: session.csrf_token };
    }
    const account = await repo.findPortalAccountById(deps.db, session.subject_id);
    if (!account || account.active !== 1) return null;
    return { kind: 'portal', id: account.id, customerId: account.customer_id, via: 'cookie', sessionId: session.id, csrfToken: session.csrf_token };
  };
}

async function authenticateApiKey(deps: Deps, apiKeys: ApiKeyCache, token: string, now: string): Promise<Principal | null> {
  if (!token.startsWith(API_KEY_PREFIX)) return null;
  const key = await apiKeys.find(deps, sha256(token));
  if (!key || key.revoked_at) return null;
  if (!key.last_used_at || Date.parse(now) - Date.parse(key.last_used_at) > SESSION_TOUCH_MS) {
    key.last_used_at = now; // a kept key: the next touch is due from now
    await repo.updateApiKey(deps.db, key.id, { last_used_at: now });
  }
  return { kind: 'api_key', id: key.id, role: key.role as StaffRole, via: 'bearer' };
}

function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
