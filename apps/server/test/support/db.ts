import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/platform/config.js';

export type TestDbKind = 'sqlite' | 'postgres';

/** Which engine this vitest project runs against (set per project in vitest.config.ts). */
export const dbKind: TestDbKind = process.env.OC_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

let counter = 0;

/** A fresh, empty database for one test file or test: a temp SQLite file or a new PostgreSQL database. */
export async function freshDatabaseUrl(): Promise<string> {
  counter += 1;
  if (dbKind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-test-'));
    return `sqlite:${path.join(dir, 'ordercare.db')}`;
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`); // name is generated above: [a-z0-9_] only
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A config for a fresh database with the worker off (tests drive it explicitly). */
export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  const databaseUrl = await freshDatabaseUrl();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-data-'));
  return loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off', PORT: '0', ...overrides });
}
