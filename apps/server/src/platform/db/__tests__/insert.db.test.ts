import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxRow } from '../../../../test/support/rows.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { insertRows } from '../insert.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

const event = outboxRow;
const stored = (ids: string[]) =>
  rt.deps.db.selectFrom('outbox').select(['id', 'aggregate_id', 'payload', 'dedupe_key', 'attempts']).where('id', 'in', ids).orderBy('id').execute();

describe('insertRows', () => {
  it('binds each call its own values when it reuses a statement text', async () => {
    expect(await insertRows(rt.deps.db, 'outbox', [event('evt_ins_a')])).toBe(1n);
    expect(await insertRows(rt.deps.db, 'outbox', [event('evt_ins_b', { attempts: 3, dedupe_key: 'ins-b' })])).toBe(1n);
    expect(await stored(['evt_ins_a', 'evt_ins_b'])).toEqual([
      { id: 'evt_ins_a', aggregate_id: 'evt_ins_a', payload: '{"id":"evt_ins_a"}', dedupe_key: null, attempts: 0 },
      { id: 'evt_ins_b', aggregate_id: 'evt_ins_b', payload: '{"id":"evt_ins_b"}', dedupe_key: 'ins-b', attempts: 3 },
    ]);
  });

  it('writes several rows at once, and rows whose columns come in another order', async () => {
    const reordered = Object.fromEntries(Object.entries(event('evt_ins_e', { attempts: 5 })).reverse()) as ReturnType<typeof event>;
    expect(await insertRows(rt.deps.db, 'outbox', [event('evt_ins_c'), event('evt_ins_d', { attempts: 2 })])).toBe(2n);
    expect(await insertRows(rt.deps.db, 'outbox', [reordered])).toBe(1n);
    expect((await stored(['evt_ins_c', 'evt_ins_d', 'evt_ins_e'])).map((r) => [r.id, r.attempts])).toEqual([
      ['evt_ins_c', 0],
      ['evt_ins_d', 2],
      ['evt_ins_e', 5],
    ]);
  });

  it('skips a conflicting row with ignoreConflictOn and says so', async () => {
    expect(await insertRows(rt.deps.db, 'outbox', [event('evt_ins_f', { dedupe_key: 'ins-f' })], { ignoreConflictOn: 'dedupe_key' })).toBe(1n);
    expect(await insertRows(rt.deps.db, 'outbox', [event('evt_ins_g', { dedupe_key: 'ins-f' })], { ignoreConflictOn: 'dedupe_key' })).toBe(0n);
    expect(await stored(['evt_ins_f', 'evt_ins_g'])).toHaveLength(1);
    await expect(insertRows(rt.deps.db, 'outbox', [event('evt_ins_h', { dedupe_key: 'ins-f' })])).rejects.toThrow(/unique|UNIQUE/);
  });

  it('takes Kysely’s usual path for values that are not plain, without keeping that text', async () => {
    await insertRows(rt.deps.db, 'outbox', [event('evt_ins_i', { attempts: sql<number>`1 + 1` })]);
    await insertRows(rt.deps.db, 'outbox', [event('evt_ins_j', { attempts: 7 })]);
    expect((await stored(['evt_ins_i', 'evt_ins_j'])).map((r) => r.attempts)).toEqual([2, 7]);
  });

  it('inserts nothing for no rows', async () => {
    expect(await insertRows(rt.deps.db, 'outbox', [])).toBe(0n);
  });
});
