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
  /** What the handler's `ahead` worked out for this event before the batch's transaction, if anything. */
  ahead?: unknown;
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
  /**
   * Transactional handlers only: called once per batch *before* its transaction, with the batch's
   * events the handler wants, for work that only reads and computes and may await something
   * outside the database (rendering in a thread): inside the batch's transaction such a wait would
   * hold the connection (on SQLite, every request's too). Returns a value per event id, which
   * `handle` gets as `ctx.ahead`; `prepare` then sees only the events without one. What it read
   * may be a moment old when `handle` runs, and it may have run for an event already handled, so
   * `handle` still decides (and stores) in the transaction. If it throws, `handle` gets nothing
   * ahead and works as without it.
   */
  ahead?(db: Db, events: readonly OutboxEventRecord[]): Promise<ReadonlyMap<string, unknown>>;
  handle(ctx: HandlerContext): Promise<void>;
}
