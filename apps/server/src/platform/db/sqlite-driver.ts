import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely's bundled SQLite driver prepares every statement anew and opens transactions with a
 * deferred `BEGIN`. Ours caches prepared statements and uses `BEGIN IMMEDIATE`, so a transaction
 * takes the write lock up front and waits (busy_timeout) instead of failing with SQLITE_BUSY when
 * another process (the CLI, a second server) writes at the same time.
 */
export class SqliteDialect implements Dialect {
  constructor(private readonly db: BetterSqlite3.Database) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new SqliteDriver(this.db);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
}

class SqliteDriver implements Driver {
  private readonly connection: SqliteConnection;
  private lock: Promise<void> | undefined;
  private release: (() => void) | undefined;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.connection = new SqliteConnection(db);
  }
  async init(): Promise<void> {}

  /** One connection, so callers queue here: a transaction holds it from BEGIN to COMMIT. */
  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.lock) await this.lock;
    this.lock = new Promise((resolve) => (this.release = resolve));
    return this.connection;
  }
  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.lock = undefined;
    this.release = undefined;
    release?.();
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    if (this.db.inTransaction) await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy(): Promise<void> {
    this.db.close();
  }
}

class SqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  constructor(private readonly db: BetterSqlite3.Database) {}

  private prepare(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      stmt = this.db.prepare(sqlText);
      if (this.statements.size >= 500) this.statements.clear();
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(query.sql);
    const params = query.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the SQLite driver');
  }
}
