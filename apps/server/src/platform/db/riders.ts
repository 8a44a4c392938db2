import type { AliasedRawBuilder, CompiledQuery } from 'kysely';
import { runReused } from './reuse.js';
import type { Executor } from './schema.js';

/**
 * A check that must happen in a transaction before its work sees anything, but needs no round trip
 * of its own: it rides as a column on the work's first read. The idempotency claim is one (its
 * advisory lock and "is this key answered already"); placement's one read carries it, so placing
 * an order costs one statement fewer on PostgreSQL.
 *
 * A rider is registered with `rideOnFirstRead`. A read that can carry riders takes them
 * (`takeRiders`), puts their columns first in its selection and settles them with its row before
 * using anything else it read. If any other statement of the transaction comes first, the riders
 * go alone just before it (`select <columns>`), so a work that knows nothing of riders still runs
 * after its checks, as if each had been a statement of its own.
 */
export interface Rider {
  /** Names the column's text (part of the carrying read's `runReused` key). */
  key: string;
  /** The column, aliased with a name unique among riders; binds `parameters`, in order. */
  column: AliasedRawBuilder<unknown, string>;
  alias: string;
  parameters: readonly unknown[];
  /** Called with the column's value before the work goes on; throws to stop it. */
  settle: (value: unknown) => void;
}

/** What a carrying read puts into its statement. */
export interface TakenRiders {
  /** Append to the read's `runReused` key ('' when there are none). */
  key: string;
  columns: AliasedRawBuilder<unknown, string>[];
  /** Bind before the read's own parameters: the columns come first in the selection. */
  parameters: unknown[];
  /** Settles every rider with the read's row (may throw: then the work must not go on). */
  settle(row: Record<string, unknown>): void;
}

const pending = new WeakMap<object, Rider[]>();

/** Makes `rider` ride on the next statement of `tx` (see above). */
export function rideOnFirstRead(tx: Executor, rider: Rider): void {
  const riders = pending.get(tx);
  if (riders) {
    riders.push(rider);
    return;
  }
  pending.set(tx, [rider]);
  // Every statement of the transaction goes through its executor's executeQuery (as in holdInserts).
  const executor = tx.getExecutor() as unknown as { executeQuery(query: CompiledQuery, ...rest: unknown[]): Promise<unknown> };
  const run = executor.executeQuery.bind(executor);
  executor.executeQuery = async (query, ...rest) => {
    if (pending.get(tx)?.length) await rideAlone(tx);
    return run(query, ...rest);
  };
}

/** The riders waiting in `tx`, now the caller's to carry; none after. */
export function takeRiders(tx: Executor): TakenRiders {
  const riders = pending.get(tx) ?? [];
  pending.set(tx, []);
  return {
    key: riders.map((r) => `|${r.key}`).join(''),
    columns: riders.map((r) => r.column),
    parameters: riders.flatMap((r) => r.parameters),
    settle(row) {
      for (const r of riders) r.settle(row[r.alias]);
    },
  };
}

/** Runs the riders still waiting in `tx`, alone (nothing when none wait). */
export async function rideNow(tx: Executor): Promise<void> {
  if (pending.get(tx)?.length) await rideAlone(tx);
}

async function rideAlone(tx: Executor): Promise<void> {
  const riders = takeRiders(tx);
  const { rows } = await runReused(tx, `riders${riders.key}`, riders.parameters, () => tx.selectNoFrom(riders.columns));
  riders.settle(rows[0] as Record<string, unknown>);
}
