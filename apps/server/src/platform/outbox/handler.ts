import type { Db, Tx } from '../db/schema.js';

/**
 * The contract between the outbox worker and the modules' handlers: what a handler is given for
 * an event, and what it declares about itself.
 */

export interface OutboxEventRecord {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /** 1 on the first delivery to handlers, 2 on the first retry, … */
  attempt: number;
  createdAt: string;
}

export interface HandlerContext {
  db: Db;
  event: OutboxEventRecord;
  /** Stable per event and handler: pass it to external services that accept an idempotency key. */
  idempotencyKey: string;
  /**
   * Runs `work` in one transaction together with the record that this handler handled this event.
   * If another worker already recorded it, `work` is not run. Handlers whose effects are database
   * writes use this to be exactly-once.
   */
  once<T>(work: (tx: Tx) => Promise<T>): Promise<T | undefined>;
}

export interface OutboxHandler {
  /** Unique and stable: it is stored with each event it handled. */
  name: string;
  /** Event types this handler wants; `'*'` for all (e.g. the customer timeline, webhooks). */
  events: readonly string[] | '*';
  /**
   * The handler only reads and writes the database, through `ctx.db` and `ctx.once` (no network,
   * no long job). Such handlers of a whole batch run in one transaction together with marking
   * their events done: one commit (one fsync) per batch instead of one per handler and event.
   */
  transactional?: boolean;
  /**
   * Transactional handlers only: called once per batch, in its transaction, with the batch's
   * events the handler wants, before any of them is handled. It reads ahead what `handle` will
   * read per event (rows it then `remember`s), so a batch of 20 events costs a few statements
   * instead of a few per event. Only for rows no transactional handler writes.
   */
  prepare?(tx: Tx, events: readonly OutboxEventRecord[]): Promise<void>;
  handle(ctx: HandlerContext): Promise<void>;
}
