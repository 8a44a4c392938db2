import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CreateCustomerRequest } from '@ordercare/contracts';
import { dbKind } from '../../../../test/support/db.js';
import { startTestRuntime } from '../../../../test/support/runtime.js';
import type { Database } from '../../../platform/db/index.js';
import { SqliteDialect } from '../../../platform/db/sqlite-driver.js';
import { bulkInsertCustomers, customerFilterOf, searchCustomers } from '../index.js';

/** The plan of one captured statement, and the tables it reads without an index. */
type Explainer = { fullScans(s: CompiledQuery): Promise<{ plan: string[]; scans: string[] }>; close(): Promise<void> };

/** SQLite: "SCAN c USING INDEX customers_sort" walks the list order and stops at the limit; "SCAN c" alone reads the whole table. */
function sqliteExplainer(raw: BetterSqlite3.Database): Explainer {
  return {
    async fullScans(s) {
      const plan = raw.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])).map((r) => (r as { detail: string }).detail);
      return { plan, scans: plan.filter((d) => /^SCAN (c|f|g|t|customers|customer_search_terms|customer_tags)$/.test(d)) };
    },
    async close() {},
  };
}

/**
 * PostgreSQL: with sequential scans priced out (enable_seqscan off), a "Seq Scan" left in the
 * plan means no index can serve that table. Tiny test tables would otherwise be scanned anyway.
 */
function postgresExplainer(url: string): Explainer {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async fullScans(s) {
      await connected;
      await client.query('begin');
      try {
        await client.query('set local enable_seqscan = off');
        const rows = (await client.query(`explain ${s.sql}`, s.parameters as unknown[])).rows as { 'QUERY PLAN': string }[];
        const plan = rows.map((r) => r['QUERY PLAN']);
        return { plan, scans: plan.filter((d) => /Seq Scan on (customers|customer_search_terms|customer_tags)\b/.test(d)) };
      } finally {
        await client.query('rollback');
      }
    },
    close: () => client.end(),
  };
}

/** Every statement of the list query reads through an index, whatever the filters, on both engines. */
describe(`customer search query plans (${dbKind})`, () => {
  it('uses an index for every table it reads', async () => {
    const rt = await startTestRuntime();
    const target = rt.config.database;
    const captured: CompiledQuery[] = [];
    const log = (e: { level: string; query: CompiledQuery }) => void (e.level === 'query' && captured.push(e.query));
    const raw = target.kind === 'sqlite' ? new BetterSqlite3(target.file, { readonly: true }) : undefined;
    const pool = target.kind === 'postgres' ? new pg.Pool({ connectionString: target.url, max: 1 }) : undefined;
    const db = raw ? new Kysely<Database>({ dialect: new SqliteDialect(raw), log }) : new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool! }), log });
    const explainer = raw ? sqliteExplainer(raw) : postgresExplainer(target.kind === 'postgres' ? target.url : '');
    try {
      const manager = (await rt.deps.db.selectFrom('users').select('id').where('email', '=', 'sales@example.com').executeTakeFirstOrThrow()).id;
      const seeds = [
        { kind: 'business', name: 'Acme Steel Supplies', tags: ['vip'], accountManagerId: manager },
        { kind: 'business', name: '上海华东机械有限公司', tags: ['vip'] },
        { kind: 'individual', name: 'Jane Acme' },
      ];
      expect((await bulkInsertCustomers(rt.deps, seeds.map((s) => CreateCustomerRequest.parse(s)))).ok).toBe(true);
      const queries = [
        {},
        { q: 'acme' },
        { q: 'acme supplies', kind: 'business' as const },
        { q: '华东' },
        { tag: 'vip' },
        { tag: 'vip', q: 'steel', accountManagerId: manager },
        { accountManagerId: manager },
        { kind: 'individual' as const },
      ];
      let statements = 0;
      for (const query of queries) {
        for (const after of [undefined, ['m', 'cus_1'] as const]) {
          captured.length = 0;
          await searchCustomers(db, customerFilterOf(query), 51, after);
          statements += captured.length;
          for (const s of captured) {
            const { plan, scans } = await explainer.fullScans(s);
            expect(scans, `${s.sql}\n${plan.join('\n')}`).toEqual([]);
          }
        }
      }
      expect(statements).toBeGreaterThan(queries.length * 2);
    } finally {
      await explainer.close();
      await db.destroy();
      await rt.close();
    }
  });
});
