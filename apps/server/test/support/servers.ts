import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM script without types
import { freePort } from '../../../../scripts/pg-cluster.mjs';
import { loadConfig } from '../../src/platform/config.js';
import { dbKind, freshDatabaseUrl } from './db.js';
import { startTestRuntime, type TestRuntime } from './runtime.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(REPO, 'apps/server/bin/ordercare.mjs');

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `ordercare-${prefix}-`));

/** A real `ordercare serve` (or `worker`) process on a database, as a user would start it. */
export interface ServerProcess {
  child: ChildProcess;
  base: string;
  stderr(): string;
  /** Resolves once `/readyz` answers 200 (throws if the process exits first). */
  ready(): Promise<void>;
  /** SIGTERM (graceful), or SIGKILL (a crash); resolves when the process is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

const running = new Set<ChildProcess>();

export async function spawnServer(options: { databaseUrl: string; dataDir?: string; port?: number; command?: 'serve' | 'worker'; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = options.port ?? ((await freePort()) as number);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BIN, options.command ?? 'serve'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, DATA_DIR: options.dataDir ?? tempDir('proc'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKER: 'off', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    child,
    base,
    stderr: () => stderr,
    async ready() {
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ordercare exited with ${child.exitCode ?? child.signalCode}: ${stderr}`);
        if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`ordercare at ${base} not ready after 45 s: ${stderr}`);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const force = signal === 'SIGTERM' ? setTimeout(() => child.kill('SIGKILL'), 10_000) : undefined;
        child.kill(signal);
        await exited;
        clearTimeout(force);
      }
    },
  };
}

/** Stops every process this file started (afterAll). */
export async function stopAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** A fresh, empty database of the engine under test, as `ordercare` would be told about it. */
export async function freshDatabase(): Promise<{ databaseUrl: string; dataDir: string }> {
  // SQLite: the file in DATA_DIR (an empty DATABASE_URL means unset).
  return { databaseUrl: dbKind === 'postgres' ? await freshDatabaseUrl() : '', dataDir: tempDir('db') };
}

/** An in-process runtime on that database (no worker) to set up data and inspect what the processes did. */
export function inspector(db: { databaseUrl: string; dataDir: string }): Promise<TestRuntime> {
  return startTestRuntime({ config: loadConfig({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off', PORT: '0' }) });
}

/** Fails fast when a spawned process runs a stale build (bin/ordercare.mjs prefers dist/). */
export async function expectSameBuild(rt: TestRuntime, base: string): Promise<void> {
  const count = (doc: { paths: object }) => Object.keys(doc.paths).length;
  const mine = count((await rt.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json());
  const theirs = count((await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: object });
  if (mine !== theirs) throw new Error(`${base} serves ${theirs} API paths, this build ${mine}: run \`npx tsc -b packages/contracts apps/server\` first (npm test does)`);
}

/**
 * Where concurrency tests send their requests over real HTTP. PostgreSQL: `processes` real
 * `ordercare serve` processes on one fresh database, plus an in-process runtime (`rt`) on the same
 * database to set up and inspect it. SQLite (one writer by design): the in-process runtime itself
 * listening on a port.
 */
export async function httpCluster(processes = 2): Promise<{ rt: TestRuntime; bases: string[]; databaseUrl: string | null; close(): Promise<void> }> {
  if (dbKind === 'postgres') {
    const db = await freshDatabase();
    const { databaseUrl } = db;
    const rt = await inspector(db);
    const procs = await Promise.all(Array.from({ length: processes }, () => spawnServer({ databaseUrl })));
    try {
      await Promise.all(procs.map((p) => p.ready()));
      for (const p of procs) await expectSameBuild(rt, p.base);
    } catch (e) {
      // The suite's afterAll has no `close` yet: stop what was started, or it outlives the test run.
      await Promise.all(procs.map((p) => p.stop('SIGKILL')));
      await rt.close();
      throw e;
    }
    const close = async () => {
      await Promise.all(procs.map((p) => p.stop()));
      await rt.close();
    };
    return { rt, bases: procs.map((p) => p.base), databaseUrl, close };
  }
  const rt = await startTestRuntime();
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  const address = rt.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
  const close = async () => {
    rt.app.server.closeAllConnections();
    await rt.close();
  };
  return { rt, bases: [`http://127.0.0.1:${address.port}`], databaseUrl: null, close };
}
