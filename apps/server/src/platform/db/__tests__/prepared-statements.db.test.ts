import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe(`prepared statements (${dbKind})`, () => {
  it('reuses a statement text with new parameters each time, and keeps different texts apart', async () => {
    const users = await rt.deps.db.selectFrom('users').select(['id', 'email']).orderBy('id').execute();
    expect(users.length).toBeGreaterThan(1);
    for (const u of [...users, ...users]) {
      const byId = await rt.deps.db.selectFrom('users').select('email').where('id', '=', u.id).executeTakeFirstOrThrow();
      const byEmail = await rt.deps.db.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirstOrThrow();
      expect([byId.email, byEmail.id]).toEqual([u.email, u.id]);
    }
  });

  // SQLite's driver keeps its prepared statements in memory, with nothing to observe from outside.
  if (dbKind !== 'postgres') return;
  it('on PostgreSQL, parses a parameterised statement once per connection (a named prepared statement)', async () => {
    const text = `select "email" from "users" where "id" = $1`;
    const prepared = await rt.deps.db.transaction().execute(async (tx) => {
      await tx.selectFrom('users').select('email').where('id', '=', 'usr_none').execute(); // same connection as the check below
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(tx);
      return rows.map((r) => r.statement);
    });
    expect(prepared).toContain(text);
  });
});
