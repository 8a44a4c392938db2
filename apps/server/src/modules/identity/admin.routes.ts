import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiKeyRecord, CreateApiKeyRequest, CreatedApiKey, CreateUserRequest, IdempotencyHeaders, IdParams, PageQuery, page, STAFF_ROLES, StaffDirectoryEntry, UserRecord } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf, hashPassword } from '../../platform/auth/index.js';
import { decodeCursor, encodeCursor } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { createApiKey, revokeApiKey } from './commands/api-keys.js';
import { insertStaffUser } from './commands/create-user.js';
import { ok } from '../../platform/result.js';
import { toApiKeyRecord, toUserRecord } from './identity.js';
import { identityProblem } from './identity.problems.js';
import * as repo from './identity.repo.js';

/** Staff accounts and API keys, for administrators. */
export function registerIdentityAdminRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/users', {
    config: { access: ['admin', 'manager'] },
    schema: { tags: ['users'], summary: 'List staff users', querystring: PageQuery, response: { 200: page(UserRecord) } },
  }, async (request) => {
    const { limit, cursor } = request.query;
    const rows = await repo.listUsers(deps.db, limit, decodeCursor(cursor));
    const data = rows.slice(0, limit);
    return { data: data.map(toUserRecord), nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  });

  r.get('/api/v1/staff', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['users'], summary: 'Every staff member\'s id, name and role (no emails), for pickers and "by" columns', response: { 200: z.object({ data: z.array(StaffDirectoryEntry) }) } },
  }, async () => ({
    data: (await repo.listStaffDirectory(deps.db)).map((u) => ({ id: u.id, name: u.name, role: u.role as StaffDirectoryEntry['role'], active: u.active === 1 })),
  }));

  r.post('/api/v1/users', {
    config: { access: ['admin'] },
    schema: { tags: ['users'], summary: 'Create a staff user (honours Idempotency-Key)', body: CreateUserRequest, headers: IdempotencyHeaders, response: { 201: UserRecord } },
  }, async (request, reply) => {
    const { password, ...input } = request.body;
    const passwordHash = await hashPassword(password);
    const result = await deps.idempotency.run(request, 201, (tx) =>
      insertStaffUser(tx, deps.clock, actorOf(request.principal), { ...input, passwordHash }, request.id).then((r) => (r.ok ? ok(toUserRecord(r.value)) : r)),
    );
    if (!result.ok) return sendProblem(reply, identityProblem(result.error));
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/api-keys', {
    config: { access: ['admin'] },
    schema: { tags: ['api keys'], summary: 'List API keys (never their tokens)', response: { 200: z.object({ data: z.array(ApiKeyRecord) }) } },
  }, async () => ({ data: (await repo.listApiKeys(deps.db)).map(toApiKeyRecord) }));

  r.post('/api/v1/api-keys', {
    config: { access: ['admin'] },
    schema: { tags: ['api keys'], summary: 'Create an API key; the token is shown only in this answer', body: CreateApiKeyRequest, response: { 201: CreatedApiKey } },
  }, async (request, reply) => {
    // Not idempotent on purpose: a stored answer would keep the plaintext token in the database.
    const key = await deps.db.transaction().execute((tx) => createApiKey(tx, deps.clock, actorOf(request.principal), request.body, request.id));
    return reply.code(201).send(key);
  });

  r.post('/api/v1/api-keys/:id/revoke', {
    config: { access: ['admin'] },
    schema: { tags: ['api keys'], summary: 'Revoke an API key', params: IdParams, response: { 200: ApiKeyRecord } },
  }, async (request, reply) => {
    const result = await revokeApiKey(deps, actorOf(request.principal), request.params.id, request.id);
    if (!result.ok) return sendProblem(reply, identityProblem(result.error));
    return toApiKeyRecord(result.value);
  });
}
