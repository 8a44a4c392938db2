export { openDatabase, type DatabaseHandle, type DatabaseOptions } from './database.js';
export { binaryTextType, dialectOps, isPostgres, type DialectKind, type DialectOps } from './dialect.js';
export { migrateToLatest } from './migrate.js';
export type { Database, Db, Executor, Tx } from './schema.js';
export { inTransaction } from './transaction.js';
export { insertRows } from './insert.js';
export { flushInserts, holdInserts, insertSoon } from './insert-queue.js';
export { memoIn, recall, remember } from './memo.js';
export { decodeCursor, encodeCursor } from './cursor.js';
