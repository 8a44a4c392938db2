import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../../app.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { sha256 } from '../../../platform/auth/index.js';
import { dbKind } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { countingStatements } from '../../../../test/support/statements.js';
import { watchCommitsElsewhere } from '../../../platform/db/notifications.js';
import { ApiKeyCache, apiKeyCache } from '../api-key-cache.js';
import { createApiKey } from '../index.js';

// Two API processes on one database: `a` revokes, `b` must stop honouring the key.
let a: TestRuntime;
let b: Runtime;
beforeAll(async () => {
  a = await startTestRuntime();
  b = await createRuntime(a.config, { embeddedWorker: false });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const newKey = () => a.deps.db.transaction().execute((tx) => createApiKey(tx, a.deps.clock, SYSTEM_ACTOR, { name: `cache ${Math.random()}`, role: 'admin' }));
const users = (rt: Runtime, token: string) => rt.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
const keyLookups = (statements: readonly string[]) => statements.filter((s) => /from "api_keys" where "token_hash"/.test(s)).length;

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('API key cache', () => {
  it('keeps a key, and a revocation in one process reaches the other (PostgreSQL: its notification; SQLite: the next lookup sees the other commit)', async () => {
    await until('b hears of revocations', () => b.deps.notifications.live);
    const key = await newKey();

    expect((await users(b, key.token)).statusCode).toBe(200);
    const second = await countingStatements(b.deps.db, () => users(b, key.token));
    expect(second.value.statusCode).toBe(200);
    // The second request finds the key kept, on both engines.
    expect(keyLookups(second.statements)).toBe(0);
    expect(apiKeyCache(b.deps).size).toBe(1);

    const revoked = await a.app.inject({ method: 'POST', url: `/api/v1/api-keys/${key.id}/revoke`, headers: (await a.signIn()).headers });
    expect(revoked.statusCode).toBe(200);
    expect((await users(a, key.token)).statusCode).toBe(401);
    // The other process: at once on SQLite, once the notification arrives on PostgreSQL.
    if (dbKind === 'sqlite') expect((await users(b, key.token)).statusCode).toBe(401);
    else await until('b refuses the revoked key', async () => (await users(b, key.token)).statusCode === 401, 2000);
    expect(apiKeyCache(b.deps).size).toBe(0);
  });

  it("keeps what it kept through the process's own writes; on SQLite forgets it once another connection commits", async () => {
    const key = await newKey();
    expect((await users(b, key.token)).statusCode).toBe(200);
    expect((await users(b, key.token)).statusCode).toBe(200);
    expect(apiKeyCache(b.deps).size).toBeGreaterThan(0);
    // b's own writes (a key it creates itself) leave what it kept alone.
    await b.deps.db.transaction().execute((tx) => createApiKey(tx, b.deps.clock, SYSTEM_ACTOR, { name: 'own write', role: 'support' }));
    const own = await countingStatements(b.deps.db, () => users(b, key.token));
    expect(keyLookups(own.statements)).toBe(0);
    // A revocation written by some other connection, without the API (the CLI, a script): on
    // SQLite b's next request must read the key again and refuse it.
    if (dbKind !== 'sqlite') return;
    const other = new BetterSqlite3(a.config.database.kind === 'sqlite' ? a.config.database.file : '');
    try {
      other.prepare('update api_keys set revoked_at = ? where id = ?').run(new Date().toISOString(), key.id);
    } finally {
      other.close();
    }
    const after = await countingStatements(b.deps.db, () => users(b, key.token));
    expect(after.value.statusCode).toBe(401);
    expect(keyLookups(after.statements)).toBe(1);
  });

  it('keeps nothing while the listening connection is lost, so a revocation then is seen at once; keeps again once it is back', async () => {
    if (dbKind !== 'postgres') {
      // No listening connection on SQLite; a closed watch keeps nothing, whatever happens.
      const watch = watchCommitsElsewhere(() => 1);
      const cache = new ApiKeyCache(watch);
      const key = await newKey();
      await cache.find(a.deps, sha256(key.token));
      expect(cache.size).toBe(1);
      await watch.close();
      expect(cache.size).toBe(0);
      await cache.find(a.deps, sha256(key.token));
      expect(cache.size).toBe(0);
      return;
    }
    await until('b listens', () => b.deps.notifications.live);
    const key = await newKey();
    expect((await users(b, key.token)).statusCode).toBe(200);
    expect(apiKeyCache(b.deps).size).toBeGreaterThan(0);

    const admin = new pg.Client({ connectionString: a.config.database.kind === 'postgres' ? a.config.database.url : '' });
    await admin.connect();
    try {
      // Every listener of this database (a's and b's) loses its connection.
      const { rowCount } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'ordercare-listen' and datname = current_database()");
      expect(rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await until('b notices', () => !b.deps.notifications.live);
    expect(apiKeyCache(b.deps).size).toBe(0);
    // Not live: a request reads the key and keeps nothing, so the revocation (whose notification
    // b cannot hear now) is seen by b's very next request.
    expect((await users(b, key.token)).statusCode).toBe(200);
    expect(apiKeyCache(b.deps).size).toBe(0);
    expect((await a.app.inject({ method: 'POST', url: `/api/v1/api-keys/${key.id}/revoke`, headers: (await a.signIn()).headers })).statusCode).toBe(200);
    expect((await users(b, key.token)).statusCode).toBe(401);

    await until('b listens again', () => b.deps.notifications.live);
    const next = await newKey();
    expect((await users(b, next.token)).statusCode).toBe(200);
    const again = await countingStatements(b.deps.db, () => users(b, next.token));
    expect(keyLookups(again.statements)).toBe(0);
  });

  it('does not keep what a lookup read when a revocation was heard while it ran', async () => {
    const live = { live: true, subscribe() {}, close: async () => {} };
    const cache = new ApiKeyCache(live);
    const key = await newKey();
    const hash = sha256(key.token);
    const reading = cache.find(a.deps, hash);
    cache.forget(); // heard while the read was under way: what it read may predate the revocation
    expect((await reading)?.id).toBe(key.id);
    expect(cache.size).toBe(0);
    await cache.find(a.deps, hash);
    expect(cache.size).toBe(1);
    // Revoked keys and unknown hashes are never kept.
    await cache.find(a.deps, sha256('oc_unknown'));
    expect(cache.size).toBe(1);
  });
});
