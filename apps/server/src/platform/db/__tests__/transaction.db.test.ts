import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { ok } from '../../result.js';
import { inTransaction } from '../transaction.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ poolSize: 4 });
});
afterAll(() => rt?.close());

/** Resolves when both sides arrived, or after `ms` (SQLite runs one transaction at a time). */
function barrier(ms: number) {
  let arrived = 0;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived += 1;
    if (arrived === 2) open();
    await Promise.race([gate, new Promise((r) => setTimeout(r, ms))]);
  };
}

describe('inTransaction', () => {
  it('runs a deadlock victim again, so two transactions locking rows in opposite order both commit', async () => {
    const [a, b] = await rt.deps.db.selectFrom('users').select('id').orderBy('id').limit(2).execute();
    const meet = barrier(300);
    let attempts = 0;
    const append = (first: string, second: string, mark: string) =>
      inTransaction(rt.deps.db, async (tx) => {
        attempts += 1;
        await tx.updateTable('users').set({ name: sql`name || ${mark}` }).where('id', '=', first).execute();
        await meet();
        await tx.updateTable('users').set({ name: sql`name || ${mark}` }).where('id', '=', second).execute();
        return ok(mark);
      });
    const results = await Promise.all([append(a!.id, b!.id, '+1'), append(b!.id, a!.id, '+2')]);
    expect(results).toEqual([ok('+1'), ok('+2')]);
    const names = await rt.deps.db.selectFrom('users').select(['id', 'name']).where('id', 'in', [a!.id, b!.id]).execute();
    for (const n of names) {
      expect(n.name).toContain('+1');
      expect(n.name).toContain('+2');
      expect(n.name.split('+').length).toBe(3); // each mark exactly once: the victim's first try rolled back
    }
    expect(attempts).toBeGreaterThanOrEqual(2);
  });
});
