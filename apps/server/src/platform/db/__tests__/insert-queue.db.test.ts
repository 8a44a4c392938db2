import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../../../test/support/db.js';
import { outboxRow } from '../../../../test/support/rows.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { countingStatements } from '../../../../test/support/statements.js';
import { err, ok } from '../../result.js';
import { sql } from 'kysely';
import { flushCounts } from '../insert-flush.js';
import { flushInserts, holdInserts, holdsInserts, insertSoon, valueSoon, type LateValue } from '../insert-queue.js';
import { inTransaction } from '../transaction.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

const event = outboxRow;
const audit = (id: string) => ({ id, at: '2026-01-01T00:00:00.000Z', actor_type: 'system', actor_id: null, action: 'test.queue', entity_type: 'test', entity_id: id, changes: '{}', request_id: null });
const eventIds = async (prefix: string) => (await rt.deps.db.selectFrom('outbox').select('id').where('id', 'like', `${prefix}%`).orderBy('id').execute()).map((r) => r.id);
const auditIds = async (prefix: string) => (await rt.deps.db.selectFrom('audit_log').select('id').where('id', 'like', `${prefix}%`).orderBy('id').execute()).map((r) => r.id);

describe(`insertSoon and flushInserts (${dbKind})`, () => {
  it('holds rows of several tables and writes them in one statement before COMMIT on PostgreSQL; SQLite inserts at once', async () => {
    const inserts = (list: readonly string[]) => list.filter((s) => /insert into/i.test(s));
    const { statements } = await countingStatements(rt.deps.db, (sent) =>
      inTransaction(rt.deps.db, async (tx) => {
        expect(holdsInserts(tx)).toBe(dbKind === 'postgres');
        await insertSoon(tx, 'outbox', [event('evt_q1_a')]);
        await insertSoon(tx, 'audit_log', [audit('aud_q1_a')]);
        await insertSoon(tx, 'outbox', [event('evt_q1_b'), event('evt_q1_c')]); // joins the first outbox group
        expect(inserts(sent)).toHaveLength(dbKind === 'postgres' ? 0 : 3);
        return ok(null);
      }),
    );
    expect(await eventIds('evt_q1_')).toEqual(['evt_q1_a', 'evt_q1_b', 'evt_q1_c']);
    expect(await auditIds('aud_q1_')).toEqual(['aud_q1_a']);
    if (dbKind === 'postgres') {
      expect(inserts(statements)).toHaveLength(1);
      expect(inserts(statements)[0]).toMatch(/^with "q0" as \(insert into "outbox"/);
      expect(inserts(statements)[0]).toMatch(/\) insert into "audit_log"/);
    } else {
      expect(inserts(statements)).toHaveLength(3);
    }
  });

  it('writes held rows before a later statement of the transaction names their table, and only then', async () => {
    const inserts = (list: readonly string[]) => list.filter((s) => /insert into/i.test(s)).length;
    await countingStatements(rt.deps.db, (sent) =>
      inTransaction(rt.deps.db, async (tx) => {
        await insertSoon(tx, 'audit_log', [audit('aud_q7_a')]);
        await tx.selectFrom('customers').select('id').limit(1).execute(); // another table: nothing written yet
        expect(inserts(sent)).toBe(dbKind === 'postgres' ? 0 : 1);
        expect(await tx.selectFrom('audit_log').select('id').where('id', 'like', 'aud_q7_%').execute()).toEqual([{ id: 'aud_q7_a' }]);
        expect(inserts(sent)).toBe(1);
        await insertSoon(tx, 'audit_log', [audit('aud_q7_b')]);
        await tx.updateTable('audit_log').set({ action: 'test.updated' }).where('id', 'like', 'aud_q7_%').execute(); // a write meets it too
        return ok(null);
      }),
    );
    expect(await rt.deps.db.selectFrom('audit_log').select(['id', 'action']).where('id', 'like', 'aud_q7_%').orderBy('id').execute()).toEqual([
      { id: 'aud_q7_a', action: 'test.updated' },
      { id: 'aud_q7_b', action: 'test.updated' },
    ]);
  });

  it('writes nothing of a transaction that rolls back', async () => {
    const result = await inTransaction(rt.deps.db, async (tx) => {
      await insertSoon(tx, 'outbox', [event('evt_q2_a')]);
      await insertSoon(tx, 'audit_log', [audit('aud_q2_a')]);
      return err('changed my mind');
    });
    expect(result).toEqual({ ok: false, error: 'changed my mind' });
    expect(await eventIds('evt_q2_')).toEqual([]);
    expect(await auditIds('aud_q2_')).toEqual([]);
  });

  it('fails the whole transaction when a held row conflicts, keeping none of its writes', async () => {
    await inTransaction(rt.deps.db, async (tx) => (await insertSoon(tx, 'outbox', [event('evt_q3_taken')]), ok(null)));
    const attempt = inTransaction(rt.deps.db, async (tx) => {
      await tx.insertInto('audit_log').values(audit('aud_q3_direct')).execute(); // an ordinary insert before
      await insertSoon(tx, 'audit_log', [audit('aud_q3_held')]);
      await insertSoon(tx, 'outbox', [event('evt_q3_taken')]);
      return ok(null);
    });
    await expect(attempt).rejects.toThrow(/unique|UNIQUE|duplicate/);
    expect(await auditIds('aud_q3_')).toEqual([]);
    expect(await eventIds('evt_q3_')).toEqual(['evt_q3_taken']);
  });

  it('drops a duplicate of an ignored conflict column, also among held rows', async () => {
    await inTransaction(rt.deps.db, async (tx) => {
      await insertSoon(tx, 'outbox', [event('evt_q4_a', { dedupe_key: 'q4' })], { ignoreConflictOn: 'dedupe_key' });
      await insertSoon(tx, 'audit_log', [audit('aud_q4_a')]);
      return ok(null);
    });
    await inTransaction(rt.deps.db, async (tx) => {
      await insertSoon(tx, 'outbox', [event('evt_q4_b', { dedupe_key: 'q4' }), event('evt_q4_c', { dedupe_key: 'q4-other' })], { ignoreConflictOn: 'dedupe_key' });
      await insertSoon(tx, 'audit_log', [audit('aud_q4_b')]);
      return ok(null);
    });
    expect(await eventIds('evt_q4_')).toEqual(['evt_q4_a', 'evt_q4_c']);
    expect(await auditIds('aud_q4_')).toEqual(['aud_q4_a', 'aud_q4_b']);
  });

  it('splits a flush too large for one statement and still writes every row', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => event(`evt_q5_${String(i).padStart(5, '0')}`));
    const audits = Array.from({ length: 2000 }, (_, i) => audit(`aud_q5_${String(i).padStart(5, '0')}`));
    const { statements } = await countingStatements(rt.deps.db, () =>
      inTransaction(rt.deps.db, async (tx) => {
        await insertSoon(tx, 'outbox', many);
        await insertSoon(tx, 'audit_log', audits);
        return ok(null);
      }),
    );
    expect(await eventIds('evt_q5_')).toHaveLength(2000);
    expect(await auditIds('aud_q5_')).toHaveLength(2000);
    // 2,000 × 14 and 2,000 × 9 parameters: each group alone fits under the cap, both together do not.
    if (dbKind === 'postgres') expect(statements.filter((s) => /insert into/i.test(s))).toHaveLength(2);
  });

  it('inserts at once outside a transaction that holds, and holding is per transaction', async () => {
    await rt.deps.db.transaction().execute(async (tx) => {
      expect(holdsInserts(tx)).toBe(false);
      await insertSoon(tx, 'outbox', [event('evt_q6_a')]);
      expect((await tx.selectFrom('outbox').select('id').where('id', '=', 'evt_q6_a').execute()).length).toBe(1);
      holdInserts(tx);
      await insertSoon(tx, 'outbox', [event('evt_q6_b')]);
      await flushInserts(tx);
      expect((await tx.selectFrom('outbox').select('id').where('id', '=', 'evt_q6_b').execute()).length).toBe(1);
    });
    expect(await eventIds('evt_q6_')).toEqual(['evt_q6_a', 'evt_q6_b']);
  });

  describe('valueSoon', () => {
    // A counter of the order-number table under a year no order uses: `N<year>-<count>`.
    const counter = (year: number): LateValue => ({
      table: 'order_number_sequences',
      key: 'test.counter',
      parameters: [year, 1, 1],
      source: (c) =>
        c
          .insertInto('order_number_sequences')
          .values({ year, last: 1 })
          .onConflict((oc) => oc.column('year').doUpdateSet({ last: (eb) => eb('order_number_sequences.last', '+', 1) }))
          .returning(sql<string>`'N' || order_number_sequences.year::text || '-' || order_number_sequences.last::text`.as('value')),
    });
    const last = async (year: number) => (await rt.deps.db.selectFrom('order_number_sequences').select('last').where('year', '=', year).executeTakeFirst())?.last;
    const auditRow = async (id: string) => rt.deps.db.selectFrom('audit_log').select(['entity_id', 'changes']).where('id', '=', id).executeTakeFirstOrThrow();

    it('takes the value in the statement that writes the held rows (PostgreSQL) and puts it into the rows, texts within them and the result', async () => {
      const { value: result, statements } = await countingStatements(rt.deps.db, (sent) =>
        inTransaction(rt.deps.db, async (tx) => {
          const token = valueSoon(tx, counter(3001));
          if (dbKind === 'sqlite') {
            expect(token).toBeUndefined(); // SQLite holds nothing: the caller takes the value at once
            return ok(null);
          }
          expect(token).toMatch(/^~soon-[0-9a-f]{24}~$/);
          await insertSoon(tx, 'audit_log', [{ ...audit('aud_v1_a'), entity_id: token!, changes: JSON.stringify({ number: token, note: `is ${token}.` }) }]);
          expect(sent.filter((s) => /order_number_sequences/.test(s))).toHaveLength(0); // not run yet
          return ok({ number: token, list: [`#${token}`], other: 7 });
        }),
      );
      if (dbKind === 'sqlite') return;
      expect(result).toEqual({ ok: true, value: { number: 'N3001-1', list: ['#N3001-1'], other: 7 } });
      expect(await auditRow('aud_v1_a')).toEqual({ entity_id: 'N3001-1', changes: JSON.stringify({ number: 'N3001-1', note: 'is N3001-1.' }) });
      const writes = statements.filter((s) => /order_number_sequences|insert into/i.test(s));
      expect(writes).toHaveLength(1); // the counter and the rows in one statement
      expect(writes[0]).toMatch(/^with "soon0" as \(insert into "order_number_sequences"/);
    });

    it('gives the value back when the transaction rolls back, and the next one takes the same', async () => {
      await inTransaction(rt.deps.db, async (tx) => {
        const token = valueSoon(tx, counter(3002));
        if (token !== undefined) await insertSoon(tx, 'audit_log', [{ ...audit('aud_v2_a'), entity_id: token }]);
        return err('no');
      });
      expect(await last(3002)).toBeUndefined();
      const taken = await inTransaction(rt.deps.db, async (tx) => {
        const token = valueSoon(tx, counter(3002));
        if (token === undefined) return ok('sqlite');
        await insertSoon(tx, 'audit_log', [{ ...audit('aud_v2_b'), entity_id: token }]);
        return ok(token);
      });
      if (dbKind === 'sqlite') return;
      expect(taken).toEqual({ ok: true, value: 'N3002-1' });
      expect(await last(3002)).toBe(1);
      expect((await auditRow('aud_v2_b')).entity_id).toBe('N3002-1');
    });

    it('is taken early when a statement names its table or a held one, and rows held later get it too', async () => {
      await inTransaction(rt.deps.db, async (tx) => {
        const token = valueSoon(tx, counter(3003));
        if (token === undefined) return ok(null);
        await insertSoon(tx, 'audit_log', [{ ...audit('aud_v3_a'), entity_id: token }]);
        // A read of a held table writes the held rows, and the value with them.
        expect(await tx.selectFrom('audit_log').select('entity_id').where('id', '=', 'aud_v3_a').execute()).toEqual([{ entity_id: 'N3003-1' }]);
        await insertSoon(tx, 'audit_log', [{ ...audit('aud_v3_b'), entity_id: `after ${token}` }]);
        // A second value of the same counter, read back at once by naming its table.
        const second = valueSoon(tx, counter(3003))!;
        expect((await tx.selectFrom('order_number_sequences').select('last').where('year', '=', 3003).executeTakeFirstOrThrow()).last).toBe(2);
        await insertSoon(tx, 'audit_log', [{ ...audit('aud_v3_c'), entity_id: second }]);
        return ok(null);
      });
      if (dbKind === 'sqlite') return;
      expect((await auditRow('aud_v3_b')).entity_id).toBe('after N3003-1');
      expect((await auditRow('aud_v3_c')).entity_id).toBe('N3003-2');
    });

    it('reaches the rows of every statement of a split flush, and the result', async () => {
      const result = await inTransaction(rt.deps.db, async (tx) => {
        const token = valueSoon(tx, counter(3004));
        if (token === undefined) return ok(null);
        await insertSoon(tx, 'outbox', Array.from({ length: 2000 }, (_, i) => ({ ...event(`evt_v4_${String(i).padStart(5, '0')}`), aggregate_id: token })));
        await insertSoon(tx, 'audit_log', Array.from({ length: 2000 }, (_, i) => ({ ...audit(`aud_v4_${String(i).padStart(5, '0')}`), entity_id: token })));
        // A third statement: 2,000 × 9 parameters more.
        await insertSoon(tx, 'audit_log', Array.from({ length: 2000 }, (_, i) => ({ ...audit(`aud_v4_b${String(i).padStart(5, '0')}`), entity_id: token })), { ignoreConflictOn: 'id' });
        return ok(token);
      });
      if (dbKind === 'sqlite') return;
      expect(result).toEqual({ ok: true, value: 'N3004-1' });
      const values = async (q: Promise<{ v: string }[]>) => [...new Set((await q).map((r) => r.v))];
      expect(await values(rt.deps.db.selectFrom('outbox').select('aggregate_id as v').where('id', 'like', 'evt_v4_%').execute())).toEqual(['N3004-1']);
      expect(await values(rt.deps.db.selectFrom('audit_log').select('entity_id as v').where('id', 'like', 'aud_v4_%').execute())).toEqual(['N3004-1']);
    });
  });

  it('compiles a flush of a shape once and then only binds its values; a value declared with the wrong parameters is still right, just compiled each time', async () => {
    const flush = (prefix: string, late?: LateValue) =>
      inTransaction(rt.deps.db, async (tx) => {
        const token = late && valueSoon(tx, late);
        await insertSoon(tx, 'outbox', [event(`${prefix}_a`), event(`${prefix}_b`)]);
        await insertSoon(tx, 'audit_log', [{ ...audit(`${prefix.replace('evt', 'aud')}_a`), entity_id: token ?? 'none' }]);
        return ok(token ?? null);
      });
    const counts = async (work: () => Promise<unknown>) => {
      const before = { ...flushCounts };
      await work();
      return { reused: flushCounts.reused - before.reused, compiled: flushCounts.compiled - before.compiled };
    };
    const held = dbKind === 'postgres' ? 1 : 0; // SQLite writes at once: no flush
    await flush('evt_v5_0');
    expect(await counts(() => flush('evt_v5_1'))).toEqual({ reused: held, compiled: 0 });
    const year = 3005;
    const good: LateValue = { table: 'order_number_sequences', key: 'test.v5', parameters: [year, 1, 1], source: (c) => c.insertInto('order_number_sequences').values({ year, last: 1 }).onConflict((oc) => oc.column('year').doUpdateSet({ last: (eb) => eb('order_number_sequences.last', '+', 1) })).returning(sql<string>`last::text`.as('value')) };
    await flush('evt_v5_2', good);
    expect(await counts(() => flush('evt_v5_3', good))).toEqual({ reused: held, compiled: 0 });
    const wrong: LateValue = { ...good, key: 'test.v5-wrong', parameters: [year, 1] };
    expect(await counts(() => flush('evt_v5_4', wrong))).toEqual({ reused: 0, compiled: held });
    expect(await counts(() => flush('evt_v5_5', wrong))).toEqual({ reused: 0, compiled: held });
    if (dbKind === 'sqlite') return;
    const entity = (id: string) => rt.deps.db.selectFrom('audit_log').select('entity_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await Promise.all(['aud_v5_2_a', 'aud_v5_3_a', 'aud_v5_4_a', 'aud_v5_5_a'].map(entity))).map((r) => r.entity_id)).toEqual(['1', '2', '3', '4']);
    expect(await eventIds('evt_v5_')).toHaveLength(12);
  });
});
