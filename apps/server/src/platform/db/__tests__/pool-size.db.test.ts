import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dbKind, testConfig } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

let rt: TestRuntime | undefined;
afterAll(() => rt?.close());

describe('DATABASE_POOL_SIZE', () => {
  it('bounds the connections a process opens (SQLite always has one)', async () => {
    rt = await startTestRuntime({ config: { ...(await testConfig()), databasePoolSize: 3 } });
    expect(rt.database.connections).toBe(dbKind === 'postgres' ? 3 : 1);
    // Eight transactions at once, each holding its connection for a moment: they share the pool.
    const sessions = await Promise.all(
      Array.from({ length: 8 }, () =>
        rt!.deps.db.transaction().execute(async (tx) => {
          if (dbKind !== 'postgres') return (await sql<{ one: number }>`select 1 as one`.execute(tx)).rows[0]!.one;
          await sql`select pg_sleep(0.05)`.execute(tx);
          return (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid;
        }),
      ),
    );
    expect(sessions).toHaveLength(8);
    expect(new Set(sessions).size).toBe(dbKind === 'postgres' ? 3 : 1);
  });
});
