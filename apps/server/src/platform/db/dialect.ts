import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Executor } from './schema.js';

/**
 * Every difference between SQLite and PostgreSQL lives in this file. Everything else writes one
 * portable Kysely query. Tables use text ids, ISO text times, integer money and 0/1 flags so rows
 * come back identical from both engines.
 */
export type DialectKind = 'sqlite' | 'postgres';

export interface DialectOps {
  kind: DialectKind;
  /** Row lock for read-modify-write inside a transaction (SQLite: the IMMEDIATE transaction already serialises writers). */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Row lock that skips rows another transaction holds, for work queues. */
  forUpdateSkipLocked<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** A transaction-scoped lock on an arbitrary key; false when another transaction holds it. */
  tryAdvisoryLock(tx: Executor, key: string): Promise<boolean>;
  /**
   * The same lock as an expression (true when taken), to put inside a larger statement, and the
   * parameters it binds (SQLite: none, its IMMEDIATE transaction already serialises writers).
   */
  advisoryLockExpression(key: string): { expression: RawBuilder<boolean>; parameters: unknown[] };
  isUniqueViolation(error: unknown): boolean;
  /** Tells other processes on commit (PostgreSQL `NOTIFY`; see notifications.ts). SQLite: nothing to tell. */
  notify(tx: Executor, channel: string, payload: string): Promise<void>;
  /**
   * A subquery's rows as one JSON array column of a larger statement, so several reads share one
   * round trip (`rowsOf` reads them back). The subquery must name its columns (SQLite builds each
   * object from the selection). Rows come back as the subquery would return them: our columns are
   * text, integers and reals, which JSON carries unchanged.
   */
  jsonRows(query: Parameters<typeof sqliteJsonArrayFrom>[0]): RawBuilder<unknown>;
  rowsOf<O>(column: unknown): O[];
}

export function dialectOps(kind: DialectKind): DialectOps {
  return kind === 'postgres' ? postgresOps : sqliteOps;
}

const sqliteOps: DialectOps = {
  kind: 'sqlite',
  forUpdate: (qb) => qb,
  forUpdateSkipLocked: (qb) => qb,
  tryAdvisoryLock: async () => true,
  advisoryLockExpression: () => ({ expression: sql<boolean>`1`, parameters: [] }),
  notify: async () => {},
  jsonRows: (query) => sqliteJsonArrayFrom(query),
  rowsOf: <O>(column: unknown) => (typeof column === 'string' ? JSON.parse(column) : column) as O[],
  isUniqueViolation: (error) =>
    hasCode(error) && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
};

const postgresOps: DialectOps = {
  kind: 'postgres',
  forUpdate: (qb) => qb.forUpdate(),
  forUpdateSkipLocked: (qb) => qb.forUpdate().skipLocked(),
  async tryAdvisoryLock(tx, key) {
    const { rows } = await sql<{ locked: boolean }>`select ${postgresOps.advisoryLockExpression(key).expression} as locked`.execute(tx);
    return rows[0]?.locked === true;
  },
  advisoryLockExpression: (key) => ({ expression: sql<boolean>`pg_try_advisory_xact_lock(hashtextextended(${key}, 0))`, parameters: [key] }),
  isUniqueViolation: (error) => hasCode(error) && error.code === '23505',
  async notify(tx, channel, payload) {
    await sql`select pg_notify(${channel}, ${payload})`.execute(tx);
  },
  jsonRows: (query) => pgJsonArrayFrom(query),
  rowsOf: <O>(column: unknown) => column as O[], // node-pg parses json
};

function hasCode(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Whether `db` talks to PostgreSQL (migrations receive a bare Kysely instance; a query may differ by engine). */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Column type for text compared byte-wise (prefix range scans on an index): PostgreSQL's default
 * collation is linguistic, so such columns get `COLLATE "C"`; SQLite compares bytes already.
 */
export function binaryTextType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`text collate "C"` : sql`text`;
}

/**
 * PostgreSQL aborts one of two transactions that wait on each other (deadlock, 40P01) or that
 * cannot be serialised (40001). Both are safe to run again from the start. SQLite never raises them.
 */
export function isTransientConflict(error: unknown): boolean {
  return hasCode(error) && (error.code === '40P01' || error.code === '40001');
}
