import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingStatements } from '../../../../test/support/statements.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { rideNow, rideOnFirstRead, takeRiders, type Rider } from '../riders.js';
import type { Tx } from '../schema.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

/** A rider whose column is `value`; what it was settled with goes into `seen`. */
function rider(value: string, seen: unknown[], refuse = false): Rider {
  return {
    key: 'test.rider',
    alias: 'test_rider',
    column: sql<string>`${value}`.as('test_rider'),
    parameters: [value],
    settle: (v) => {
      seen.push(v);
      if (refuse) throw new Error(`refused ${String(v)}`);
    },
  };
}

const inTx = <T>(work: (tx: Tx) => Promise<T>) => rt.deps.db.transaction().execute(work);

describe('riders', () => {
  it("ride as a column on a read that takes them: settled with that read's row, no statement of their own", async () => {
    const seen: unknown[] = [];
    const { value, statements } = await countingStatements(rt.deps.db, () =>
      inTx(async (tx) => {
        rideOnFirstRead(tx, rider('carried', seen));
        const riders = takeRiders(tx);
        const row = await tx.selectNoFrom([...riders.columns, sql<number>`2`.as('two')]).executeTakeFirstOrThrow();
        riders.settle(row as Record<string, unknown>);
        return row.two;
      }),
    );
    expect(Number(value)).toBe(2);
    expect(seen).toEqual(['carried']);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/as "test_rider"/);
  });

  it('go alone just before the first statement that does not carry them, and a refusal stops that statement', async () => {
    const seen: unknown[] = [];
    const { statements } = await countingStatements(rt.deps.db, async () => {
      await inTx(async (tx) => {
        rideOnFirstRead(tx, rider('alone', seen));
        await tx.selectFrom('users').select('id').limit(1).execute();
        await tx.selectFrom('users').select('id').limit(1).execute();
      });
      const refused = inTx(async (tx) => {
        rideOnFirstRead(tx, rider('no', seen, true));
        await tx.updateTable('users').set({ name: 'never' }).execute();
      });
      await expect(refused).rejects.toThrow('refused no');
    });
    expect(seen).toEqual(['alone', 'no']);
    expect(statements.filter((s) => /test_rider/.test(s))).toHaveLength(2);
    expect(statements.filter((s) => /^update/.test(s))).toHaveLength(0);
    expect(await rt.deps.db.selectFrom('users').select('id').where('name', '=', 'never').execute()).toHaveLength(0);
  });

  it('rideNow runs the riders still waiting, once, and nothing when none wait', async () => {
    const seen: unknown[] = [];
    const { statements } = await countingStatements(rt.deps.db, () =>
      inTx(async (tx) => {
        await rideNow(tx);
        rideOnFirstRead(tx, rider('now', seen));
        await rideNow(tx);
        await rideNow(tx);
      }),
    );
    expect(seen).toEqual(['now']);
    expect(statements).toHaveLength(1);
  });
});
