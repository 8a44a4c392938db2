import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LoginRequest, PortalSession, STAFF_ROLES, StaffSession, UpdateMeRequest } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { LOGIN_WINDOW_MS, signInPortal, signInStaff, type LoginLimiters } from './commands/sign-in.js';
import { updateMe, updatePortalAccount } from './commands/update-me.js';
import { PORTAL_COOKIE, STAFF_COOKIE, toPortalAccount, toStaffUser, type IdentityError } from './identity.js';
import { identityProblem } from './identity.problems.js';
import * as repo from './identity.repo.js';

const ALL_STAFF = STAFF_ROLES;

function sendLoginProblem(reply: FastifyReply, error: IdentityError) {
  if (error.code === 'rate_limited') reply.header('retry-after', String(LOGIN_WINDOW_MS / 1000));
  return sendProblem(reply, identityProblem(error));
}

/** Staff and portal sign-in, sign-out and "who am I". */
export function registerAuthRoutes(app: App, deps: Deps, limiters: LoginLimiters): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const setCookie = (request: FastifyRequest, reply: FastifyReply, name: string, token: string) =>
    reply.setCookie(name, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: deps.config.secureCookies || request.protocol === 'https' });

  r.post('/api/v1/auth/login', {
    config: { access: 'public', csrfExempt: true },
    schema: { tags: ['auth'], summary: 'Staff sign-in; sets the session cookie', body: LoginRequest, response: { 200: StaffSession } },
  }, async (request, reply) => {
    const result = await signInStaff(deps, limiters, { ...request.body, ip: request.ip, requestId: request.id });
    if (!result.ok) return sendLoginProblem(reply, result.error);
    setCookie(request, reply, STAFF_COOKIE, result.value.token);
    return { user: toStaffUser(result.value.subject), csrfToken: result.value.csrfToken };
  });

  r.get('/api/v1/auth/me', {
    config: { access: ALL_STAFF },
    schema: { tags: ['auth'], summary: 'The signed-in staff user and the CSRF token for writes', response: { 200: StaffSession } },
  }, async (request, reply) => {
    const p = request.principal;
    if (p?.kind !== 'user') return sendProblem(reply, identityProblem({ code: 'not_found', entity: 'session', id: 'current' }));
    const user = await repo.findUserById(deps.db, p.id);
    if (!user) return sendProblem(reply, identityProblem({ code: 'not_found', entity: 'user', id: p.id }));
    return { user: toStaffUser(user), csrfToken: p.csrfToken };
  });

  r.patch('/api/v1/auth/me', {
    config: { access: ALL_STAFF },
    schema: { tags: ['auth'], summary: 'Change your own name or language', body: UpdateMeRequest, response: { 200: StaffSession } },
  }, async (request, reply) => {
    const p = request.principal;
    if (p?.kind !== 'user') return sendProblem(reply, identityProblem({ code: 'not_found', entity: 'session', id: 'current' }));
    const result = await updateMe(deps, { type: 'user', id: p.id }, request.body, request.id);
    if (!result.ok) return sendProblem(reply, identityProblem(result.error));
    return { user: toStaffUser(result.value), csrfToken: p.csrfToken };
  });

  r.post('/api/v1/auth/logout', {
    config: { access: ALL_STAFF },
    schema: { tags: ['auth'], summary: 'End the session' },
  }, async (request, reply) => {
    const p = request.principal;
    if (p?.kind === 'user') await repo.deleteSession(deps.db, p.sessionId);
    reply.clearCookie(STAFF_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  r.post('/api/v1/portal/auth/login', {
    config: { access: 'public', csrfExempt: true },
    schema: { tags: ['portal'], summary: 'Customer sign-in to the portal', body: LoginRequest, response: { 200: PortalSession } },
  }, async (request, reply) => {
    const result = await signInPortal(deps, limiters, { ...request.body, ip: request.ip, requestId: request.id });
    if (!result.ok) return sendLoginProblem(reply, result.error);
    setCookie(request, reply, PORTAL_COOKIE, result.value.token);
    return { account: toPortalAccount(result.value.subject), csrfToken: result.value.csrfToken };
  });

  r.get('/api/v1/portal/auth/me', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'The signed-in customer account', response: { 200: PortalSession } },
  }, async (request, reply) => {
    const p = request.principal;
    const account = p?.kind === 'portal' ? await repo.findPortalAccountById(deps.db, p.id) : undefined;
    if (!account || p?.kind !== 'portal') return sendProblem(reply, identityProblem({ code: 'not_found', entity: 'portal account', id: 'current' }));
    return { account: toPortalAccount(account), csrfToken: p.csrfToken };
  });

  r.patch('/api/v1/portal/auth/me', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'Change the customer account\'s name or language (messages and documents follow it)', body: UpdateMeRequest, response: { 200: PortalSession } },
  }, async (request, reply) => {
    const p = request.principal;
    if (p?.kind !== 'portal') return sendProblem(reply, identityProblem({ code: 'not_found', entity: 'portal account', id: 'current' }));
    const result = await updatePortalAccount(deps, { type: 'portal', id: p.id }, request.body, request.id);
    if (!result.ok) return sendProblem(reply, identityProblem(result.error));
    return { account: toPortalAccount(result.value), csrfToken: p.csrfToken };
  });

  r.post('/api/v1/portal/auth/logout', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'End the portal session' },
  }, async (request, reply) => {
    const p = request.principal;
    if (p?.kind === 'portal') await repo.deleteSession(deps.db, p.sessionId);
    reply.clearCookie(PORTAL_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

}
