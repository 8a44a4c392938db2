import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { memoIn } from '../memo.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('memoIn', () => {
  it('reads a key once per transaction, and afresh in the next one', async () => {
    let loads = 0;
    const read = (db: Parameters<typeof memoIn>[0]) => memoIn(db, 'users:count', async () => ((loads += 1), (await db.selectFrom('users').select('id').execute()).length));
    const [a, b] = await rt.deps.db.transaction().execute(async (tx) => [await read(tx), await read(tx)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    await rt.deps.db.transaction().execute((tx) => read(tx));
    expect(loads).toBe(2);
  });

  it('does not remember outside a transaction, nor a read that failed', async () => {
    let loads = 0;
    await memoIn(rt.deps.db, 'k', async () => (loads += 1));
    await memoIn(rt.deps.db, 'k', async () => (loads += 1));
    expect(loads).toBe(2);
    const results = await rt.deps.db.transaction().execute(async (tx) => {
      const failed = await memoIn(tx, 'flaky', () => Promise.reject(new Error('read failed'))).catch((e: Error) => e.message);
      const retried = await memoIn(tx, 'flaky', async () => 'read');
      return [failed, retried];
    });
    expect(results).toEqual(['read failed', 'read']);
  });
});
