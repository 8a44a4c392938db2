/**
 * The server under test as a separate process (`ordercare serve` on the built dist/), the
 * throwaway databases, and the machine facts printed with every table.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import BetterSqlite3 from 'better-sqlite3';
// @ts-expect-error plain ESM script without types
import { freePort, startCluster } from '../../scripts/pg-cluster.mjs';
import { log } from './stats.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(REPO, 'apps/server/bin/ordercare.mjs');

export type Engine = 'sqlite' | 'postgres';
export const engineName = (e: Engine) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/** Builds contracts + server (incremental) so `ordercare serve` runs today's code from dist/. */
export function buildServer(): void {
  const t = Date.now();
  try {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', 'packages/contracts', 'apps/server'], { cwd: REPO, stdio: ['ignore', 2, 2] });
  } catch {
    throw new Error('building the server failed (errors above): fix them, or pass --no-build to bench the apps/server/dist/ that is there');
  }
  log(`build (tsc -b packages/contracts apps/server): ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

export interface BenchDatabase {
  engine: Engine;
  /** DATA_DIR for the app (the SQLite file lives here as DATA_DIR/ordercare.db unless DATABASE_URL says otherwise). */
  dataDir: string;
  /** DATABASE_URL for the app. */
  databaseUrl: string;
  sqliteFile?: string;
  /** Another empty database on the same engine (PostgreSQL: same cluster), for the engine ceiling. */
  scratch(name: string): Promise<string>;
  postgresVersion?: string;
  /**
   * Brings PostgreSQL to the state of a cluster that has been running (nothing on SQLite): WAL
   * segments to recycle (`recycledWal`) and planner statistics for the tables as they are now
   * (`analyzed`). Without them a fresh cluster zero-fills a new 16 MB WAL segment every 1–2 s under
   * load, stalling every commit for 10–20 ms, and keeps generic plans made for empty tables (a
   * sequential scan of `orders` per outbox batch) until autovacuum's first ANALYZE, a minute in.
   */
  steady(what: { recycledWal?: boolean; analyzed?: boolean }): Promise<void>;
  close(): void;
}

/** How the app and the ceiling reach PostgreSQL: BENCH_PG_CONNECTION=tcp|socket (default socket). */
const PG_CONNECTION = process.env.BENCH_PG_CONNECTION === 'tcp' ? 'tcp' : 'socket';

/**
 * A throwaway database. PostgreSQL: a fresh cluster (scripts/pg-cluster.mjs) with fsync ON and
 * the default synchronous_commit=on, so commits are as durable as a real installation's. App,
 * ceiling and bench all connect through the cluster's Unix-domain socket, as a server on the same
 * machine as its database should (about a fifth less time per statement than TCP on loopback
 * here); BENCH_PG_CONNECTION=tcp measures over 127.0.0.1 instead.
 */
export async function benchDatabase(engine: Engine, options: { pgStats?: boolean } = {}): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-bench-'));
  if (engine === 'sqlite') {
    const file = path.join(dir, 'bench.db');
    return {
      engine,
      dataDir: dir,
      databaseUrl: `sqlite:${file}`,
      sqliteFile: file,
      scratch: async (name) => path.join(dir, `${name}.db`),
      steady: async () => {},
      close: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  // --pg-stats: pg_stat_statements with planning time, for the per-statement report (diagnose.ts).
  const settings = [...(process.env.BENCH_PG_SETTINGS ?? '').split(' ').filter(Boolean)];
  if (options.pgStats) settings.push('shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_planning=on');
  const started = (await startCluster({ fsync: true, settings })) as { url: string; socketUrl: string; stop: () => void };
  const cluster = { url: PG_CONNECTION === 'tcp' ? started.url : started.socketUrl, stop: started.stop };
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database bench');
  const version = ((await admin.query('show server_version')).rows[0] as { server_version: string }).server_version;
  const sc = ((await admin.query('show synchronous_commit')).rows[0] as { synchronous_commit: string }).synchronous_commit;
  const fsyncOn = ((await admin.query('show fsync')).rows[0] as { fsync: string }).fsync;
  log(`PostgreSQL ${version}: fsync=${fsyncOn}, synchronous_commit=${sc}`);
  return {
    engine,
    dataDir: dir,
    databaseUrl: cluster.url.replace(/\/postgres$/, '/bench'),
    postgresVersion: version,
    scratch: async (name) => {
      await admin.query(`create database ${name}`);
      return cluster.url.replace(/\/postgres$/, `/${name}`);
    },
    steady: async ({ recycledWal = false, analyzed = false }) => {
      if (analyzed) {
        const app = new pg.Client({ connectionString: cluster.url.replace(/\/postgres$/, '/bench') });
        await app.connect();
        await app.query('analyze').finally(() => app.end());
      }
      if (recycledWal) {
        // 64 segments (1 GB) written once, then a checkpoint: later writes reuse their files, as
        // on a cluster past its first checkpoints, instead of creating and zero-filling new ones.
        await admin.query('create table if not exists wal_fill (n int)');
        for (let i = 0; i < 64; i++) {
          await admin.query('insert into wal_fill values (1)');
          await admin.query('select pg_switch_wal()');
        }
        await admin.query('drop table wal_fill');
      }
      await admin.query('checkpoint');
    },
    close: () => {
      void admin.end().catch(() => {});
      cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  pid: number;
  /** Resident set in MB (VmRSS of /proc/<pid>/status), and the peak (VmHWM). */
  rss(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** Starts `ordercare serve` (or `worker`) as a user would, waits for /readyz. */
export async function spawnServer(options: { db: BenchDatabase; command?: 'serve' | 'worker'; worker?: 'embedded' | 'off'; nodeArgs?: string[] }): Promise<ServerProcess> {
  const port = (await freePort()) as number;
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, options.command ?? 'serve'], {
    cwd: REPO,
    // MALLOC_MMAP_THRESHOLD_ as `npm start` sets it (README, "Memory"): the server as users run it.
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '131072', DATABASE_URL: options.db.databaseUrl, DATA_DIR: options.db.dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKER: options.worker ?? 'embedded' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    }
  };
  if ((options.command ?? 'serve') === 'serve') {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ordercare exited with ${child.exitCode ?? child.signalCode}: ${stderr}`);
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`ordercare at ${base} not ready after 60 s: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    child,
    base,
    pid: child.pid!,
    rss() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    stop,
  };
}

export function machineFacts(db: BenchDatabase): string {
  const cpus = os.cpus();
  const sqliteVersion = (() => {
    const s = new BetterSqlite3(':memory:');
    const v = (s.prepare('select sqlite_version() as v').get() as { v: string }).v;
    s.close();
    return v;
  })();
  const engine = db.engine === 'sqlite' ? `SQLite ${sqliteVersion} (better-sqlite3, WAL; the app keeps synchronous=FULL's durability with its own fsync off the event loop, the ceiling runs synchronous=FULL)` : `PostgreSQL ${db.postgresVersion ?? '?'} (local cluster, fsync=on, synchronous_commit=on, over ${PG_CONNECTION === 'tcp' ? 'TCP on 127.0.0.1' : 'its Unix-domain socket'})`;
  return `${cpus.length} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${engine}, ${os.type()} ${os.release()}`;
}

export const commandLine = () => `npx tsx ${path.relative(REPO, process.argv[1] ?? '')} ${process.argv.slice(2).join(' ')}`.trim();
