import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { settleAll, WalSync, type Fsync, type Waiter } from './wal-sync.js';
import type { SharedWriteLock } from './write-lock.js';
import {
  type CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely's bundled SQLite driver prepares every statement anew and opens transactions with a
 * deferred `BEGIN`. Ours caches prepared statements, uses `BEGIN IMMEDIATE` (a transaction takes
 * the write lock up front and waits, busy_timeout, instead of failing with SQLITE_BUSY when
 * another process writes at the same time), and commits in groups.
 *
 * Group commit: with `synchronous=FULL` every COMMIT is an fsync, and better-sqlite3 runs it on
 * the event loop, so one commit per transaction made the fsync the largest cost of placing an
 * order. Here a Kysely transaction is a savepoint inside one SQLite transaction that stays open
 * until the end of the current event-loop turn (`setImmediate`): the transactions of every request
 * that reached the database in that turn are made durable by one COMMIT. A caller's
 * `commitTransaction` resolves only after that COMMIT, so nothing is acknowledged before it is on
 * disk; if the COMMIT fails, every transaction of the group fails with it. Transactions still run
 * one at a time (one connection, a lock from BEGIN to commit), so each sees the ones before it.
 * A write outside a transaction first commits the open group, then runs on its own (autocommit).
 * Reads outside a transaction, and `read only` transactions (`setAccessMode('read only')`, which
 * end without waiting for the group's COMMIT), may see a group's work a moment before it is durable.
 *
 * The fsync off the event loop (`syncWalOffThread`, what the app uses): better-sqlite3 runs a
 * COMMIT's fsync on the calling thread, so even one fsync per group stopped every request for it.
 * With the option the connection runs `synchronous=NORMAL` (a COMMIT writes its WAL frames but
 * does not fsync them) and the driver fsyncs the WAL file itself on libuv's thread pool after each
 * COMMIT, settling the group only when that fsync returns. Acknowledged work is therefore exactly
 * as durable as with `synchronous=FULL`; meanwhile the event loop goes on, and the next group
 * (whose own fsync follows) can already run. WAL frames carry checksums, so a crash in between
 * loses only unacknowledged groups, never consistency; checkpoints still sync the WAL first and
 * the database file after, as SQLite does under NORMAL. Needs a file database in WAL mode.
 *
 * The sync is `fdatasync`, as PostgreSQL's default `wal_sync_method` on Linux: it flushes the
 * frames and whatever metadata reading them back needs (the file's size when the WAL grew), but
 * not the modification time that every write changes. On ext4 an fsync for that time alone is a
 * journal commit, which in ordered mode also waits for the data the checkpointer thread is
 * writing into the database file at the same moment.
 */
export interface SqliteDialectOptions {
  /** `synchronous=NORMAL` plus our own fsync of the WAL on libuv's thread pool (above). */
  syncWalOffThread?: boolean;
  fsync?: Fsync;
  /** Shared with the other threads of this process that write (see write-lock.ts). */
  writeLock?: SharedWriteLock;
  /** Who this connection is in the lock's holder slot. */
  writeLockHolder?: number;
  /**
   * false: every transaction COMMITs as it ends instead of at the end of the turn. For a
   * connection whose transactions come one after another anyway (the outbox thread's): holding
   * the write lock to the end of the turn would only make the other threads wait longer.
   */
  groupCommit?: boolean;
}

export class SqliteDialect implements Dialect {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly options: SqliteDialectOptions = {},
  ) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    const { syncWalOffThread, fsync, writeLock, writeLockHolder, groupCommit = true } = this.options;
    return new SqliteDriver(this.db, syncWalOffThread ? new WalSync(this.db, fsync ?? fs.fdatasync) : undefined, writeLock, writeLockHolder, groupCommit);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
}

// Captured at load so fake timers in a test can never hold back a commit.
const nextTurn = globalThis.setImmediate;


/** One caller's hold on the connection, from acquire to release. */
class Lease implements DatabaseConnection {
  inTransaction = false;
  /** A `read only` transaction: it may not write, and it ends without waiting for the group's commit. */
  readOnly = false;
  constructor(private readonly driver: SqliteDriver) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, query);
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the SQLite driver');
  }
}

class SqliteDriver implements Driver {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private owner: Lease | undefined;
  private lock: Promise<void> | undefined;
  private unlock: (() => void) | undefined;
  /** Transactions committed into the open SQLite transaction, waiting for its COMMIT. */
  private group: Waiter[] = [];
  private commitScheduled = false;
  /** The turn ended while a caller held the connection: commit when it lets go. */
  private commitDue = false;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly walSync: WalSync | undefined,
    /** Shared with the other threads of this process that write (see write-lock.ts). */
    private readonly writeLock: SharedWriteLock | undefined,
    /** Who this connection is in the lock's holder slot (write-lock.ts). */
    private readonly writeLockHolder: number | undefined,
    /** false: each transaction COMMITs as it ends (SqliteDialectOptions.groupCommit). */
    private readonly groupCommit: boolean,
  ) {}
  /** This connection holds `writeLock` (from before BEGIN IMMEDIATE to the end of the transaction). */
  private holdsWriteLock = false;
  /** The connection's busy_timeout, read at the first BEGIN. */
  private patience: number | undefined;
  async init(): Promise<void> {}

  /** One connection, so callers queue here: a transaction holds it from BEGIN to its commit. */
  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.lock) await this.lock;
    this.lock = new Promise((resolve) => (this.unlock = resolve));
    this.owner = new Lease(this);
    return this.owner;
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.release(connection as Lease);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings = {}): Promise<void> {
    if (!this.db.inTransaction) {
      await this.takeWriteLock();
      try {
        await this.beginImmediate();
      } catch (error) {
        this.dropWriteLock();
        throw error;
      }
      if (this.groupCommit) this.scheduleCommit();
    }
    this.run('savepoint ordercare_tx');
    (connection as Lease).inTransaction = true;
    (connection as Lease).readOnly = settings.accessMode === 'read only';
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.run('release savepoint ordercare_tx');
    lease.inTransaction = false;
    if (lease.readOnly) {
      // Nothing of its own to make durable. What it read may belong to the open group, so may be
      // a moment from durable, as with reads outside a transaction.
      lease.readOnly = false;
      this.transactionEnded();
      return this.release(lease);
    }
    const durable = new Promise<void>((resolve, reject) => this.group.push({ resolve, reject }));
    this.transactionEnded();
    this.release(lease);
    await durable;
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!lease.inTransaction) return; // the commit itself failed: the group was already rolled back
    lease.inTransaction = false;
    lease.readOnly = false;
    if (this.db.inTransaction) {
      this.run('rollback to savepoint ordercare_tx');
      this.run('release savepoint ordercare_tx');
      if (!this.groupCommit) this.commit(); // what the group committed before, if anything; and the lock goes
    } else {
      // SQLite rolled back the whole transaction (I/O error, disk full): the group is lost with it.
      this.dropWriteLock();
      this.settle(new Error('SQLite rolled back the transaction after an error; retry the request'));
    }
  }
  async destroy(): Promise<void> {
    if (this.db.inTransaction) this.commit();
    this.dropWriteLock();
    await this.walSync?.drained();
    this.walSync?.close();
    this.db.close();
  }

  async execute<R>(lease: Lease, query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(query.sql);
    const params = query.parameters as unknown[];
    if (lease.readOnly && !stmt.readonly) throw new Error('a read only transaction cannot write');
    const autocommit = !lease.inTransaction && !stmt.readonly;
    if (autocommit && this.db.inTransaction) this.commit();
    if (autocommit) await this.takeWriteLock();
    let result: QueryResult<R>;
    try {
      if (stmt.reader) result = { rows: stmt.all(params) as R[] };
      else {
        const { changes, lastInsertRowid } = stmt.run(params);
        result = { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
      }
    } finally {
      if (autocommit) this.dropWriteLock();
    }
    // A write outside a transaction committed on its own: answer once it is durable.
    const walSync = this.walSync;
    if (autocommit && walSync) await new Promise<void>((resolve, reject) => walSync.after([{ resolve, reject }]));
    return result;
  }

  /**
   * `BEGIN IMMEDIATE`, waiting for another connection's write lock without blocking the event
   * loop: SQLite's own busy wait would sleep on this thread, and a group held open by another
   * connection of this same process (which commits on this thread's next turn) would then never
   * let go. Waits up to the connection's busy_timeout, like SQLite would.
   */
  private async beginImmediate(): Promise<void> {
    const patience = (this.patience ??= Math.trunc(Number(this.db.pragma('busy_timeout', { simple: true }))));
    const deadline = Date.now() + patience;
    this.run('pragma busy_timeout = 0'); // prepared once (db.pragma prepares every time)
    try {
      for (let pause = 1; ; pause = Math.min(pause * 2, 20)) {
        try {
          this.run('begin immediate');
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    } finally {
      this.run(`pragma busy_timeout = ${patience}`); // a number read from SQLite, not input
    }
  }

  private async takeWriteLock(): Promise<void> {
    if (!this.writeLock || this.holdsWriteLock) return;
    await this.writeLock.acquire(this.writeLockHolder);
    this.holdsWriteLock = true;
  }

  private dropWriteLock(): void {
    if (!this.holdsWriteLock) return;
    this.holdsWriteLock = false;
    this.writeLock?.release();
  }

  private release(lease: Lease): void {
    if (this.owner !== lease) return;
    this.owner = undefined;
    if (this.commitDue) this.commit();
    const unlock = this.unlock;
    this.lock = undefined;
    this.unlock = undefined;
    unlock?.();
  }

  /** A transaction ended: its group commits at the end of the turn, or now without group commit. */
  private transactionEnded(): void {
    if (this.groupCommit) this.scheduleCommit();
    else this.commit();
  }

  private scheduleCommit(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    nextTurn(() => {
      if (this.owner) this.commitDue = true;
      else this.commit();
    });
  }

  /** COMMITs the open transaction (one fsync) and settles every transaction grouped in it. */
  private commit(): void {
    this.commitScheduled = false;
    this.commitDue = false;
    if (!this.db.inTransaction) {
      this.dropWriteLock();
      return this.settle(this.group.length ? new Error('SQLite rolled back the transaction after an error; retry the request') : undefined);
    }
    try {
      this.run('commit');
    } catch (error) {
      if (this.db.inTransaction) this.run('rollback');
      this.dropWriteLock();
      return this.settle(error);
    }
    this.dropWriteLock();
    this.settle(undefined);
  }

  private settle(error: unknown): void {
    const waiters = this.group;
    this.group = [];
    if (error === undefined && this.walSync) this.walSync.after(waiters);
    else settleAll(waiters, error);
  }

  private run(sqlText: string): void {
    this.prepare(sqlText).run();
  }

  private prepare(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      stmt = this.db.prepare(sqlText);
      if (this.statements.size >= 500) this.statements.clear();
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }
}
