import type { StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { sha256, type Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { ApiKeysTable } from '../../../platform/db/schema.js';
import { newId, newToken } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { API_KEY_PREFIX, toApiKeyRecord, type IdentityError } from '../identity.js';
import * as repo from '../identity.repo.js';
import { API_KEYS_CHANNEL, apiKeyCache } from '../api-key-cache.js';

/** Creates an API key in the caller's transaction. The token is returned once; only its hash is stored. */
export async function createApiKey(tx: Executor, clock: Clock, actor: Actor, input: { name: string; role: StaffRole }, requestId?: string) {
  const token = `${API_KEY_PREFIX}${newToken(32)}`;
  const now = clock.now().toISOString();
  const row: ApiKeysTable = {
    id: newId('key'),
    name: input.name,
    role: input.role,
    prefix: token.slice(0, 8),
    token_hash: sha256(token),
    created_by: actor.id,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await repo.insertApiKey(tx, row);
  await recordAudit(tx, { actor, action: 'api_key.created', entityType: 'api_key', entityId: row.id, after: { name: row.name, role: row.role, prefix: row.prefix }, at: now, requestId });
  return { ...toApiKeyRecord(row), token };
}

/**
 * Revokes a key. Every process that kept it forgets it: this one before answering, the others when
 * the notification sent on commit reaches them (api-key-cache.ts).
 */
export async function revokeApiKey(deps: Deps, actor: Actor, id: string, requestId?: string): Promise<Result<ApiKeysTable, IdentityError>> {
  const now = deps.clock.now().toISOString();
  const result = await inTransaction(deps.db, async (tx): Promise<Result<ApiKeysTable, IdentityError>> => {
    const key = await repo.findApiKeyById(tx, id);
    if (!key) return err({ code: 'not_found', entity: 'api key', id });
    if (key.revoked_at) return ok(key);
    await repo.updateApiKey(tx, id, { revoked_at: now });
    await recordAudit(tx, { actor, action: 'api_key.revoked', entityType: 'api_key', entityId: id, before: { revokedAt: null }, after: { revokedAt: now }, at: now, requestId });
    await deps.ops.notify(tx, API_KEYS_CHANNEL, id);
    return ok({ ...key, revoked_at: now });
  });
  apiKeyCache(deps).forget();
  return result;
}
