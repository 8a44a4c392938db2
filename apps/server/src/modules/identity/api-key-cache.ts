import type { Deps } from '../../deps.js';
import type { Notifications } from '../../platform/db/notifications.js';
import type { ApiKeysTable } from '../../platform/db/schema.js';
import * as repo from './identity.repo.js';

/** Where revocations are announced (`NOTIFY`), so every process drops the keys it kept. */
export const API_KEYS_CHANNEL = 'ordercare_api_keys';
const MAX_KEPT = 1000;

/**
 * Active API keys by token hash, so an API request does not look its key up every time. A key is
 * kept only while notifications are live. On PostgreSQL (this process listening), revoking a key
 * announces it in the revoking transaction, and every process forgets all it kept when the
 * notification arrives, or at once when it cannot be sure to hear it (connection lost). On SQLite
 * (`watchCommitsElsewhere`), every lookup first checks whether another connection committed
 * anything since the last one, and forgets all it kept if so: another process's revocation is
 * seen by the very next request. Without either, every request reads the key.
 *
 * The window this leaves on PostgreSQL: another process honours a revoked key until the
 * notification reaches it, normally a few milliseconds after the revocation commits. The revoking
 * process forgets before it answers. Keys never change otherwise (role and hash are fixed at
 * creation).
 */
export class ApiKeyCache {
  private readonly kept = new Map<string, ApiKeysTable>();
  /** Bumped by every forget: a lookup that started before one must not keep what it read. */
  private generation = 0;

  constructor(private readonly notifications: Notifications) {
    notifications.subscribe(API_KEYS_CHANNEL, { message: () => this.forget(), gap: () => this.forget() });
  }

  /** The key with this token hash, revoked or not; undefined when none. */
  async find(deps: Pick<Deps, 'db'>, tokenHash: string): Promise<ApiKeysTable | undefined> {
    this.notifications.catchUp?.();
    const hit = this.kept.get(tokenHash);
    if (hit) return hit;
    const generation = this.generation;
    const row = await repo.findApiKeyByHash(deps.db, tokenHash);
    if (row && !row.revoked_at && this.notifications.live && generation === this.generation) {
      if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(tokenHash, row);
    }
    return row;
  }

  forget(): void {
    this.kept.clear();
    this.generation++;
  }

  get size(): number {
    return this.kept.size;
  }
}

const caches = new WeakMap<Notifications, ApiKeyCache>();

/** The process's cache, one per notification source (the authenticator and revocation share it). */
export function apiKeyCache(deps: Pick<Deps, 'notifications'>): ApiKeyCache {
  let cache = caches.get(deps.notifications);
  if (!cache) {
    cache = new ApiKeyCache(deps.notifications);
    caches.set(deps.notifications, cache);
  }
  return cache;
}
