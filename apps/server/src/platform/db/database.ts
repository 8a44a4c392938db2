import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresCursor, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { dialectOps, type DialectOps } from './dialect.js';
import type { Database, Db } from './schema.js';
import { SqliteDialect } from './sqlite-driver.js';
import { startCheckpointer, type CheckpointTiming } from './checkpointer.js';
import { SERVER_THREAD, SharedWriteLock } from './write-lock.js';

export interface DatabaseHandle {
  db: Db;
  ops: DialectOps;
  /** Human-readable location for logs (never includes a password). */
  description: string;
  /** How many connections it may open: SQLite 1, PostgreSQL the pool's size. */
  connections: number;
  /**
   * SQLite: `PRAGMA data_version` of the connection, a number that changes whenever another
   * connection (another process, the CLI) has committed since the last call, and never for this
   * connection's own commits or for checkpoints. Undefined on PostgreSQL.
   */
  dataVersion?: () => number;
  /**
   * SQLite with its checkpointer thread running: `listener` hears how long each checkpoint held
   * the write lock (and so made writers wait). Undefined otherwise.
   */
  onCheckpoint?: (listener: (timing: CheckpointTiming) => void) => void;
  /**
   * SQLite: the process's write lock (write-lock.ts), when this connection takes it, for another
   * thread of the process that writes to the same file (the outbox thread) to join.
   */
  writeLock?: SharedArrayBuffer;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  poolSize?: number;
  /**
   * SQLite: WAL checkpoints in a thread of their own instead of on this event loop (what `serve`
   * does; see checkpointer.ts). `warn` hears when it stops and SQLite's own checkpoints resume.
   */
  checkpointThread?: { warn(message: string): void };
  /**
   * SQLite: take the process's write lock around every transaction even without a checkpointer
   * thread, and expose it as `writeLock`, so that another thread of the process can write too.
   */
  shareWriteLock?: boolean;
  /**
   * SQLite, in a thread of a process that already writes to the file: join that process's write
   * lock as `holder` (write-lock.ts), and leave checkpoints to the process (`wal_autocheckpoint = 0`).
   */
  joinWriteLock?: { buffer: SharedArrayBuffer; holder: number };
  /**
   * SQLite: false commits each transaction as it ends, instead of grouping the transactions of an
   * event-loop turn into one COMMIT (sqlite-driver.ts). For a connection whose transactions come
   * one at a time anyway (the outbox thread's), so it holds the shared write lock no longer than
   * its own statements.
   */
  groupCommit?: boolean;
}

// bigint (count(*), money sums) as JS numbers: all our integers are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): DatabaseHandle {
  if (target.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const sqlite = new BetterSqlite3(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Group commit makes every transaction a savepoint inside a larger one, and SQLite copies each
    // page a savepoint changes into a sub-journal, a temporary file once it passes 64 KiB: about
    // 80 extra writes and a file created and deleted per order. In memory they cost a copy.
    sqlite.pragma('temp_store = MEMORY');
    const joined = options.joinWriteLock;
    if (joined) sqlite.pragma('wal_autocheckpoint = 0');
    const writeLock = joined ? new SharedWriteLock(joined.buffer) : options.checkpointThread || options.shareWriteLock ? new SharedWriteLock(SharedWriteLock.createBuffer()) : undefined;
    const checkpointer = writeLock && options.checkpointThread ? startCheckpointer(sqlite, writeLock, options.checkpointThread.warn) : undefined;
    // Without a checkpointer or another thread there is nobody to share the lock with.
    const lockUsed = writeLock && (joined || checkpointer || options.shareWriteLock) ? writeLock : undefined;
    // FULL until the driver takes over: it runs NORMAL and fsyncs the WAL off the event loop
    // before answering anyone, which keeps FULL's durability for everything acknowledged.
    const db = new Kysely<Database>({
      dialect: new SqliteDialect(sqlite, { syncWalOffThread: true, groupCommit: options.groupCommit ?? true, ...(lockUsed ? { writeLock: lockUsed, writeLockHolder: joined?.holder ?? SERVER_THREAD } : {}) }),
    });
    const dataVersion = sqlite.prepare('pragma data_version').pluck();
    return {
      db,
      ops: dialectOps('sqlite'),
      description: `SQLite ${target.file}`,
      connections: 1,
      dataVersion: () => Number(dataVersion.get()),
      ...(checkpointer ? { onCheckpoint: (listener: (timing: CheckpointTiming) => void) => checkpointer.onCheckpoint(listener) } : {}),
      ...(lockUsed ? { writeLock: lockUsed.buffer } : {}),
      async close() {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const connections = options.poolSize ?? 10;
  const pool = new pg.Pool({ connectionString: target.url, max: connections });
  // An idle client losing its server connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  const url = new URL(target.url);
  return {
    db,
    ops: dialectOps('postgres'),
    description: `PostgreSQL ${decodeURIComponent(url.hostname || (url.searchParams.get('host') ?? ''))}:${url.port || 5432}${url.pathname} (up to ${connections} connections)`,
    connections,
    close: () => db.destroy(),
  };
}

/** Names given to statement texts, shared by every connection of the process. */
const statementNames = new Map<string, string>();
/** Each connection keeps its prepared statements for its life; this bounds how many. */
const MAX_PREPARED = 400;

/**
 * The pool Kysely sees: its clients run every parameterised statement as a named prepared
 * statement, so PostgreSQL parses and plans a statement text once per connection instead of on
 * every execution (node-pg sends unnamed statements otherwise). Measured on order placement,
 * where about forty statements run per order; the statements come from Kysely, so there are few
 * distinct texts.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = preparingClient(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  async function run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const values = [...parameters];
    let name = statementNames.get(text);
    if (name === undefined && values.length > 0 && statementNames.size < MAX_PREPARED) {
      name = `oc_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    const r = values.length > 0 && name !== undefined ? await client.query({ name, text, values }) : await client.query(text, values);
    return { command: r.command as PostgresQueryResult<R>['command'], rowCount: r.rowCount ?? 0, rows: r.rows as R[] };
  }
  function query<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(text: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Kysely passes a cursor only to stream, which nothing here does.
    if (typeof text !== 'string') throw new Error('streaming from PostgreSQL is not supported');
    return run<R>(text, parameters ?? []);
  }
  return { query, release: () => client.release() };
}
