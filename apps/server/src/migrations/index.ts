import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';

/** Every migration, in order. One set for SQLite and PostgreSQL; add new files at the end. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};
