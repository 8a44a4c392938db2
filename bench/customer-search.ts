/**
 * Customer search at 100,000 customers: the HTTP list endpoint (app.inject: routing, auth,
 * validation, Kysely, serialisation) side by side with the raw engine running the same SQL
 * statements (better-sqlite3 / pg, prepared once), on a throwaway database.
 *
 *   npx tsx bench/customer-search.ts [--db sqlite|postgres] [--rows 100000] [--iterations 200] [--explain]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { CreateCustomerRequest, type CustomerListQuery } from '@ordercare/contracts';
import { createRuntime } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import type { Database } from '../apps/server/src/platform/db/index.js';
import { SqliteDialect } from '../apps/server/src/platform/db/sqlite-driver.js';
import { seedDemoIdentity } from '../apps/server/src/modules/identity/index.js';
import { bulkInsertCustomers, customerFilterOf, customerListCursor, searchCustomers } from '../apps/server/src/modules/customers/index.js';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, rows: { type: 'string', default: '100000' }, iterations: { type: 'string', default: '200' }, explain: { type: 'boolean', default: false } } });
const ROWS = Number(args.rows);
const ITERATIONS = Number(args.iterations);
const engine = args.db === 'postgres' ? 'postgres' : 'sqlite';
const log = (s: string) => process.stderr.write(`${s}\n`);

const FIRST = ['Northern', 'Eastern', 'Golden', 'Pacific', 'Royal', 'Silver', 'Atlas', 'Summit', 'Harbour', 'Oak', 'Crown', 'Delta', 'Phoenix', 'Apex', 'Union', 'Meridian', 'Bright', 'Vertex', 'Sterling', 'Evergreen'];
const NOUN = ['Steel', 'Textiles', 'Machinery', 'Foods', 'Plastics', 'Electronics', 'Timber', 'Chemicals', 'Glass', 'Logistics', 'Tools', 'Paper', 'Ceramics', 'Motors', 'Fasteners', 'Pumps', 'Valves', 'Optics', 'Cables', 'Bearings'];
const SUFFIX = ['Ltd', 'GmbH', 'Trading', 'Supplies', 'Group', 'Industries', 'Co', 'Partners'];
const CITY = ['上海', '北京', '深圳', '广州', '杭州', '苏州', '南京', '成都', '武汉', '天津'];
const WORD = ['华东', '华南', '创新', '精密', '宏达', '永盛', '金桥', '东方', '鑫源', '恒通'];
const TRADE = ['机械', '电子', '五金', '纺织', '化工', '模具', '贸易', '食品'];
const GIVEN = ['James', 'Emma', 'Oliver', 'Sophie', 'Lukas', 'Anna', 'Thomas', 'Mia', 'Jack', 'Lena', 'Harry', 'Clara'];
const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Müller', 'Schmidt', 'Wagner', 'Becker', 'Wilson', 'Clarke', 'Hughes', 'Fischer'];
const SURNAME = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN_ZH = ['芳', '伟', '娜', '敏', '静', '磊', '强', '洋', '艳', '军', '杰', '丽'];
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

function customer(i: number, managerId: string): CreateCustomerRequest {
  const kind = i % 4 === 3 ? 'individual' : 'business';
  const zh = i % 5 === 1;
  const name = kind === 'business'
    ? zh ? `${pick(CITY, i)}${pick(WORD, i >> 3)}${pick(TRADE, i >> 6)}有限公司` : `${pick(FIRST, i)} ${pick(NOUN, i >> 4)} ${pick(SUFFIX, i >> 8)}`
    : zh ? `${pick(SURNAME, i >> 2)}${pick(GIVEN_ZH, i >> 5)}` : `${pick(GIVEN, i >> 2)} ${pick(FAMILY, i >> 5)}`;
  return CreateCustomerRequest.parse({
    kind,
    name,
    email: `c${i}@${kind === 'business' ? `firm${i % 997}` : 'mail'}.example.com`,
    phone: `+86 139 ${String(i).padStart(8, '0')}`,
    taxId: kind === 'business' && i % 3 === 0 ? `91310000${i.toString(36).toUpperCase().padStart(10, '0')}` : undefined,
    locale: zh ? 'zh-CN' : 'en',
    tags: [i % 10 === 0 ? 'vip' : null, i % 3 === 0 ? 'wholesale' : 'retail', i % 50 === 7 ? 'export' : null].filter(Boolean),
    accountManagerId: i % 7 === 0 ? managerId : undefined,
    addresses: i % 2 === 0 ? [{ kind: 'billing', isDefault: true, name, line1: `${i} Long Road`, city: zh ? pick(CITY, i) : 'Leeds', country: zh ? 'CN' : 'GB' }] : [],
  });
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
async function timeIt(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  out.sort((a, b) => a - b);
  return { p50: percentile(out, 50), p95: percentile(out, 95), p99: percentile(out, 99) };
}

async function main() {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-bench-'));
  let cluster: { url: string; stop: () => void } | undefined;
  let databaseUrl = `sqlite:${path.join(dir, 'bench.db')}`;
  if (engine === 'postgres') {
    cluster = (await startCluster()) as { url: string; stop: () => void };
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/bench');
  }
  const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off' });
  const rt = await createRuntime(config, { embeddedWorker: false });
  try {
    await seedDemoIdentity(rt.deps);
    const managerId = (await rt.deps.db.selectFrom('users').select('id').where('email', '=', 'sales@example.com').executeTakeFirstOrThrow()).id;
    const t0 = Date.now();
    for (let from = 0; from < ROWS; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, ROWS - from) }, (_, k) => customer(from + k, managerId));
      const r = await bulkInsertCustomers(rt.deps, batch);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      if ((from / 5000) % 4 === 0) log(`inserted ${from + batch.length}`);
    }
    const terms = Number((await rt.deps.db.selectFrom('customer_search_terms').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const loadSeconds = (Date.now() - t0) / 1000;
    log(`${ROWS} customers, ${terms} search terms in ${loadSeconds.toFixed(1)} s`);
    // What autovacuum does after a bulk load (insert threshold): statistics and the visibility map, which index-only scans need.
    if (engine === 'postgres') await sql`vacuum analyze`.execute(rt.deps.db);

    const deep = await rt.deps.db.selectFrom('customers').select(['sort_name', 'id']).orderBy('sort_name').orderBy('id').offset(Math.floor(ROWS / 2)).limit(1).executeTakeFirstOrThrow();
    const queries: [string, Record<string, string>][] = [
      ['first page, no filter', {}],
      ['page at row 50,000 (cursor)', { cursor: customerListCursor(deep) }],
      ['name word prefix "pho"', { q: 'pho' }],
      ['two words "golden cab"', { q: 'golden cab' }],
      ['Chinese substring "华东机"', { q: '华东机' }],
      ['email (whole)', { q: customer(54321 % ROWS, managerId).email! }],
      ['email local part "c5432"', { q: 'c5432' }],
      ['phone digits with country code', { q: '+86 139 0005 4321' }],
      ['phone digits, national, prefix', { q: '1390005432' }],
      ['tax id', { q: '91310000000000015' }],
      ['tag (10 %) "vip"', { tag: 'vip' }],
      ['tag (2 %) "export"', { tag: 'export' }],
      ['account manager (14 %)', { accountManagerId: managerId }],
      ['manager + tag + word', { accountManagerId: managerId, tag: 'vip', q: 'steel' }],
    ];

    // The statements the endpoint runs, captured once through a logging Kysely, then run raw.
    const captured: CompiledQuery[] = [];
    const logLevel = (e: { level: string; query: CompiledQuery }) => void (e.level === 'query' && captured.push(e.query));
    const sqlite = engine === 'sqlite' ? new BetterSqlite3(path.join(dir, 'bench.db'), { readonly: true }) : undefined;
    const pgClient = engine === 'postgres' ? new pg.Client({ connectionString: databaseUrl }) : undefined;
    await pgClient?.connect();
    const logging = new Kysely<Database>({ dialect: sqlite ? new SqliteDialect(sqlite) : new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }), log: logLevel });
    const headers = await (async () => {
      const { createApiKey } = await import('../apps/server/src/modules/identity/index.js');
      const key = await rt.deps.db.transaction().execute((tx) => createApiKey(tx, rt.deps.clock, { type: 'system', id: null }, { name: 'bench', role: 'sales' }));
      return { authorization: `Bearer ${key.token}` };
    })();

    const rows: string[] = [];
    for (const [label, query] of queries) {
      const url = `/api/v1/customers?${new URLSearchParams({ limit: '50', ...query }).toString()}`;
      const check = await rt.app.inject({ method: 'GET', url, headers });
      if (check.statusCode !== 200) throw new Error(`${label}: ${check.statusCode} ${check.body}`);
      const found = (check.json() as { data: unknown[] }).data.length;
      const http = await timeIt(ITERATIONS, () => rt.app.inject({ method: 'GET', url, headers }));

      captured.length = 0;
      const parsed = { limit: 50, ...query } as CustomerListQuery;
      const cursor = query.cursor ? (JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as [string, string]) : undefined;
      await searchCustomers(logging, customerFilterOf(parsed), 51, cursor);
      const statements = [...captured];
      const prepared = sqlite ? statements.map((s) => ({ stmt: sqlite.prepare(s.sql), params: s.parameters as unknown[] })) : [];
      const raw = await timeIt(ITERATIONS, async () => {
        if (sqlite) for (const p of prepared) p.stmt.all(...p.params);
        else for (const s of statements) await pgClient!.query({ text: s.sql, values: s.parameters as unknown[], name: undefined });
      });
      if (args.explain) {
        for (const s of statements) {
          const plan = sqlite
            ? sqlite.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])).map((r) => (r as { detail: string }).detail).join(' | ')
            : (await pgClient!.query(`explain (analyze, costs off) ${s.sql}`, s.parameters as unknown[])).rows.map((r) => (r as Record<string, string>)['QUERY PLAN']).join('\n    ');
          log(`${label}\n  ${s.sql}\n    ${plan}`);
        }
      }
      const f = (n: number) => n.toFixed(2);
      rows.push(`| ${label} | ${found} | ${statements.length} | ${f(http.p50)} | ${f(http.p95)} | ${f(http.p99)} | ${f(raw.p50)} | ${f(raw.p95)} | ${f(raw.p99)} | ${(http.p50 / raw.p50).toFixed(1)}× |`);
      log(rows[rows.length - 1]!);
    }
    await logging.destroy();
    await pgClient?.end();
    sqlite?.close();

    const head = [
      `### ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${ROWS.toLocaleString('en')} customers, ${terms.toLocaleString('en')} search terms (loaded in ${loadSeconds.toFixed(0)} s), ${os.cpus().length} CPUs, Node ${process.version}`,
      '',
      'Milliseconds per request, limit 50; "SQL" = statements one request runs (term/tag counts + the page).',
      '',
      '| query | rows | SQL | HTTP p50 | HTTP p95 | HTTP p99 | raw p50 | raw p95 | raw p99 | HTTP/raw p50 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    process.stdout.write(`${[...head, ...rows].join('\n')}\n\nTotal run: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  } finally {
    await rt.close();
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
