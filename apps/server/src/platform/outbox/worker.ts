import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { DialectOps } from '../db/dialect.js';
import { flushInserts, holdInserts } from '../db/insert-queue.js';
import type { Db, Tx } from '../db/schema.js';
import type { HandlerContext, OutboxEventRecord, OutboxHandler } from './handler.js';
import { newId } from '../ids.js';
import { claimDue, settleDone, settleFailed } from './lease.js';
import { Pause } from './pause.js';

export interface WorkerOptions {
  db: Db;
  ops: DialectOps;
  clock: Clock;
  handlers: readonly OutboxHandler[];
  logger: Logger;
  batchSize?: number;
  /**
   * With a smaller `minBatchSize`, the batch adapts: it doubles while claims come back full (a
   * backlog) and halves when they do not, between the two sizes. The embedded worker uses this:
   * its batch runs on the event loop that serves requests, so it stays small while the worker
   * keeps up (short stalls) and grows when requests outpace it (so it does not fall behind).
   */
  minBatchSize?: number;
  /** How long a claim lasts; a crashed worker's events are picked up after it. */
  leaseMs?: number;
  pollMs?: number;
  /**
   * After a claim that came back partly full, wait this long before the next one, so events
   * gather into fuller batches: each batch costs two transactions (claim, then work and
   * settlement), each with its commit, whatever its size. `wake()` shortens the wait to
   * `wakeDelayMs`, never lengthens it.
   */
  lingerMs?: number;
  /**
   * `wake()` (a request just wrote events) brings the next claim forward to this long from now
   * instead of at once, so the events of the requests in between join the same batch. With 0 (the
   * default) a wake claims at once, which under steady load made the embedded worker claim after
   * nearly every request: a batch of one or two events, each with its two transactions.
   */
  wakeDelayMs?: number;
  maxAttempts?: number;
  /**
   * At most this many events' transactional handlers share one transaction (default: the whole
   * batch). The outbox thread uses a few: on SQLite a transaction holds the write lock the
   * server's requests take too, so a long one makes them wait.
   */
  eventsPerTransaction?: number;
  /** Periodic clean-up (expired idempotency keys, sessions), run about once an hour. */
  housekeeping?: () => Promise<void>;
}

type Mark = { event_id: string; handler: string; handled_at: string };
/** What each handler's `ahead` returned, by event id. */
type Ahead = ReadonlyMap<OutboxHandler, ReadonlyMap<string, unknown>>;

/**
 * Claims due outbox rows (PostgreSQL: FOR UPDATE SKIP LOCKED, so any number of workers can run),
 * hands each to the handlers that want it, and records success, or the error and the next try.
 */
export function createWorker(options: WorkerOptions) {
  const { db, ops, clock, handlers, logger } = options;
  const workerId = newId('wrk');
  const maxBatch = options.batchSize ?? 20;
  const minBatch = Math.min(options.minBatchSize ?? maxBatch, maxBatch);
  let batchSize = minBatch;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 250;
  const lingerMs = options.lingerMs ?? 0;
  const wakeDelayMs = options.wakeDelayMs ?? 0;
  const maxAttempts = options.maxAttempts ?? 15;
  const eventsPerTransaction = options.eventsPerTransaction ?? Number.POSITIVE_INFINITY;
  let running = false;
  let loopDone: Promise<void> | undefined;
  const pause = new Pause();
  let lastHousekeeping = 0;
  /** Claimed events never tried before (no attempt, no error): no handler can have marked them yet. */
  const untried = new Set<string>();

  /**
   * Claims a batch. `claimed` hears its events as soon as they are known, inside the claim's
   * transaction: work started there (the handlers' `ahead`) runs while the claim is being made
   * durable.
   */
  async function claim(claimed: (events: OutboxEventRecord[]) => void): Promise<OutboxEventRecord[]> {
    const now = clock.now().toISOString();
    return db.transaction().execute(async (tx) => {
      const { events, untried: fresh } = await claimDue(tx, ops, { now, limit: batchSize, workerId, leaseMs });
      if (events.length === 0) return [];
      untried.clear();
      for (const id of fresh) untried.add(id);
      claimed(events);
      return events;
    });
  }

  const wants = (handler: OutboxHandler, event: OutboxEventRecord) => handler.events === '*' || handler.events.includes(event.type);

  /** Records that `handler` handled `event`; false when another run already had. */
  async function mark(tx: Db | Tx, event: OutboxEventRecord, handler: OutboxHandler): Promise<boolean> {
    const r = await tx
      .insertInto('outbox_handled')
      .values({ event_id: event.id, handler: handler.name, handled_at: clock.now().toISOString() })
      .onConflict((oc) => oc.columns(['event_id', 'handler']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * Runs `handler` on `event`. Inside the batch transaction (`tx`), `once` shares it; otherwise each
   * `once` is a transaction of its own. Either way the mark and the work commit together. With
   * `settledTogether` the event is marked done in the same transaction as the work, so a mark
   * would add nothing: either both commit and the event is never run again, or neither does.
   */
  async function runHandler(handler: OutboxHandler, event: OutboxEventRecord, tx?: Tx, settledTogether = false, later?: Mark[], ahead?: unknown): Promise<void> {
    let marked = false;
    const ctx: HandlerContext = {
      db: tx ?? db,
      event,
      ahead,
      idempotencyKey: `${event.id}:${handler.name}`,
      once: async (work) => {
        if (tx && settledTogether) return work(tx);
        const run = async (t: Tx) => ((await mark(t, event, handler)) ? { skipped: false as const, value: await work(t) } : { skipped: true as const });
        const result = tx ? await run(tx) : await db.transaction().execute(run);
        marked = true;
        return result.skipped ? undefined : result.value;
      },
    };
    await handler.handle(ctx);
    if (marked || settledTogether) return;
    if (later) later.push({ event_id: event.id, handler: handler.name, handled_at: clock.now().toISOString() });
    else await mark(tx ?? db, event, handler);
  }

  async function handledBy(executor: Db | Tx, event: OutboxEventRecord): Promise<Set<string>> {
    if (untried.has(event.id)) return new Set();
    return new Set((await executor.selectFrom('outbox_handled').select('handler').where('event_id', '=', event.id).execute()).map((r) => r.handler));
  }

  /**
   * The handlers that do I/O or long work, one after another, outside any batch transaction.
   * Their marks are collected in `marks` and written with the event's settlement, in one commit
   * (a crash before it runs them again, which they tolerate: they are at least once by contract).
   */
  async function deliver(event: OutboxEventRecord, marks: Mark[]): Promise<void> {
    const done = await handledBy(db, event);
    for (const handler of handlers) {
      if (handler.transactional || done.has(handler.name) || !wants(handler, event)) continue;
      await runHandler(handler, event, undefined, false, marks);
    }
  }

  /**
   * Every transactional handler of every claimed event in one transaction. Events that need
   * nothing else are marked done in the same commit. Returns the events left: those with other
   * handlers to run, and the failures.
   *
   * A failing handler must roll back only its event's work (which is then retried). Handlers
   * rarely fail, so the batch first runs without savepoints (on PostgreSQL each is a round trip,
   * two per event); if a handler fails, that transaction is rolled back whole and the batch runs
   * again with each event behind its own savepoint. Transactional handlers only touch the
   * database, so running them again after a rollback is invisible.
   */
  async function deliverBatch(events: OutboxEventRecord[], ahead: Ahead): Promise<{ rest: OutboxEventRecord[]; failures: Map<string, unknown> }> {
    const failures = new Map<string, unknown>();
    const rest: OutboxEventRecord[] = [];
    const inBatch = events.filter((e) => handlers.some((h) => h.transactional && wants(h, e)));
    for (const e of events) if (!inBatch.includes(e) || handlers.some((h) => !h.transactional && wants(h, e))) rest.push(e);
    if (inBatch.length === 0) return { rest, failures };
    /** Returns whether the event is settled by this transaction (it has no other handlers). */
    const handleIn = async (tx: Tx, event: OutboxEventRecord): Promise<boolean> => {
      const done = await handledBy(tx, event);
      const settledTogether = !rest.includes(event);
      for (const handler of handlers) {
        if (handler.transactional && !done.has(handler.name) && wants(handler, event)) await runHandler(handler, event, tx, settledTogether, undefined, ahead.get(handler)?.get(event.id));
      }
      return settledTogether;
    };
    const unguarded = new Error('a handler failed: run the batch again with savepoints');
    const run = (guarded: boolean) =>
      db.transaction().execute(async (tx) => {
        for (const handler of handlers) {
          const known = ahead.get(handler);
          const wanted = handler.transactional && handler.prepare ? inBatch.filter((e) => wants(handler, e) && !known?.has(e.id)) : [];
          if (wanted.length > 0) await handler.prepare!(tx, wanted);
        }
        if (!guarded) {
          // The handlers' inserts (timeline, messages' events, timers) and the settlement of the
          // events they finish go out together: on PostgreSQL one statement each per batch.
          holdInserts(tx);
          const settled: string[] = [];
          for (const event of inBatch) if (await handleIn(tx, event).catch(() => Promise.reject(unguarded))) settled.push(event.id);
          await flushInserts(tx);
          await settleIn(tx, settled);
          return;
        }
        for (const event of inBatch) {
          await sql`savepoint outbox_event`.execute(tx);
          try {
            if (await handleIn(tx, event)) await settleIn(tx, [event.id]);
          } catch (e) {
            await sql`rollback to savepoint outbox_event`.execute(tx);
            failures.set(event.id, e ?? new Error('handler failed'));
          }
          await sql`release savepoint outbox_event`.execute(tx);
        }
      });
    try {
      await run(false).catch((e: unknown) => (e === unguarded ? run(true) : Promise.reject(e)));
    } catch (e) {
      // The batch did not commit: nothing of it happened; every event of it is retried.
      for (const event of inBatch) failures.set(event.id, e ?? new Error('outbox batch failed'));
    }
    return { rest: rest.filter((e) => !failures.has(e.id)), failures };
  }

  /**
   * Each transactional handler's `ahead` for the events it wants, outside any transaction of the
   * worker's. Never rejects: a handler whose `ahead` fails gets nothing ahead.
   */
  async function workAhead(events: readonly OutboxEventRecord[]): Promise<Ahead> {
    const out = new Map<OutboxHandler, ReadonlyMap<string, unknown>>();
    for (const handler of handlers) {
      if (!handler.transactional || !handler.ahead) continue;
      const wanted = events.filter((e) => wants(handler, e));
      if (wanted.length === 0) continue;
      try {
        out.set(handler, await handler.ahead(db, wanted));
      } catch (e) {
        logger.warn({ err: e, handler: handler.name }, 'outbox handler could not work ahead; handling in the transaction');
      }
    }
    return out;
  }

  const settleIn = (executor: Db | Tx, ids: readonly string[]) => settleDone(executor, ids, workerId, clock.now().toISOString());

  async function settle(tx: Tx, event: OutboxEventRecord, error: unknown): Promise<void> {
    if (error === undefined) return settleIn(tx, [event.id]);
    const failed = event.attempt >= maxAttempts;
    logger.warn({ eventId: event.id, type: event.type, attempt: event.attempt, err: error }, failed ? 'outbox event failed for good' : 'outbox event failed; will retry');
    await settleFailed(tx, event, error, { workerId, now: clock.now().toISOString(), forGood: failed });
  }

  /** Settles one event and writes the marks of the handlers that ran outside the batch, in one commit. */
  async function settleWith(event: OutboxEventRecord, failure: unknown, marks: Mark[]): Promise<void> {
    await db.transaction().execute(async (tx) => {
      if (marks.length > 0) await tx.insertInto('outbox_handled').values(marks).onConflict((oc) => oc.columns(['event_id', 'handler']).doNothing()).execute();
      await settle(tx, event, failure);
    });
  }

  /** Claims and handles one batch; returns how many events it took. */
  async function runOnce(): Promise<number> {
    let ahead: Promise<Ahead> = Promise.resolve(new Map());
    const events = await claim((claimed) => (ahead = workAhead(claimed)));
    batchSize = events.length === batchSize ? Math.min(maxBatch, batchSize * 2) : Math.max(minBatch, Math.floor(batchSize / 2));
    const worked = await ahead;
    const rest: OutboxEventRecord[] = [];
    const failures = new Map<string, unknown>();
    for (let i = 0; i < events.length; i += eventsPerTransaction) {
      const part = await deliverBatch(events.slice(i, i + eventsPerTransaction), worked);
      rest.push(...part.rest);
      for (const [id, failure] of part.failures) failures.set(id, failure);
    }
    for (const [id, failure] of failures) await settleWith(events.find((e) => e.id === id)!, failure, []);
    for (const event of rest) {
      const marks: Mark[] = [];
      let failure: unknown = undefined;
      try {
        await deliver(event, marks);
      } catch (e) {
        failure = e ?? new Error('handler failed');
      }
      await settleWith(event, failure, marks); // right away: a crash later must not run this event's I/O again
    }
    return events.length;
  }

  /** Runs batches until nothing is due; for tests and the CLI. */
  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
    return total;
  }

  async function loop(): Promise<void> {
    while (running) {
      let claimed = 0;
      const full = batchSize;
      try {
        claimed = await runOnce();
        if (options.housekeeping && Date.now() - lastHousekeeping > 3_600_000) {
          lastHousekeeping = Date.now();
          await options.housekeeping();
        }
      } catch (e) {
        logger.error({ err: e }, 'outbox worker iteration failed');
      }
      const wait = claimed === 0 ? pollMs : claimed < full ? lingerMs : 0;
      if (wait > 0 && running) await pause.wait(wait);
    }
  }

  return {
    id: workerId,
    runOnce,
    drain,
    start(): void {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    /** Stops after the current batch is settled. */
    async stop(): Promise<void> {
      running = false;
      pause.end();
      await loopDone;
    },
    /** Ask for an immediate poll, e.g. right after a commit that wrote events. */
    wake(): void {
      pause.shortenTo(wakeDelayMs);
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
