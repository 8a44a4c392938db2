import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, Product, Reservation } from '@ordercare/contracts';
// @ts-expect-error plain ESM script without types
import { freePort } from '../../../../../../scripts/pg-cluster.mjs';
import { dbKind, freshDatabaseUrl } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { loadConfig } from '../../../platform/config.js';
import { expectLedgerHolds, level, product, receive, warehouse } from './fixtures.js';

const REPO = fileURLToPath(new URL('../../../../../../', import.meta.url));
const UNITS = 10;
const REQUESTS = 100;

/**
 * PostgreSQL: two real `ordercare serve` processes on one database (plus this process's runtime
 * to set up and inspect it). SQLite: one in-process server listening on a port. Either way the
 * requests below arrive in parallel over real HTTP.
 */
let rt: TestRuntime;
let bases: string[] = [];
const children: { child: ChildProcess; stderr: () => string }[] = [];

function serveProcess(databaseUrl: string, port: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-race-'));
  const child = spawn(process.execPath, [path.join(REPO, 'apps/server/bin/ordercare.mjs'), 'serve'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKER: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  children.push({ child, stderr: () => stderr });
  return { child, stderr: () => stderr };
}

async function waitReady(base: string, proc: { child: ChildProcess; stderr: () => string }) {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`ordercare serve exited with ${proc.child.exitCode}: ${proc.stderr()}`);
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`ordercare serve at ${base} not ready after 45 s: ${proc.stderr()}`);
}

beforeAll(async () => {
  if (dbKind === 'postgres') {
    const databaseUrl = await freshDatabaseUrl();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-race-'));
    rt = await startTestRuntime({ config: loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off', PORT: '0' }) });
    const ports = [(await freePort()) as number, (await freePort()) as number];
    const procs = ports.map((port) => serveProcess(databaseUrl, port));
    bases = ports.map((port) => `http://127.0.0.1:${port}`);
    await Promise.all(bases.map((base, i) => waitReady(base, procs[i]!)));
    const headers = await rt.asRole('sales');
    for (const base of bases) {
      const probe = await fetch(`${base}/api/v1/inventory/reservations?referenceId=probe`, { headers });
      if (probe.status === 404) throw new Error(`${base} runs an old build without the reservation routes: run \`npx tsc -b packages/contracts apps/server\` first (npm test does)`);
    }
  } else {
    rt = await startTestRuntime();
    await rt.app.listen({ port: 0, host: '127.0.0.1' });
    const address = rt.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
    bases = [`http://127.0.0.1:${address.port}`];
  }
});

afterAll(async () => {
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  rt?.app.server.closeAllConnections();
  await rt?.close();
});

describe(`reservations under concurrency (${dbKind === 'postgres' ? 'two server processes on PostgreSQL' : 'parallel requests to one server on SQLite'})`, () => {
  it(`lets exactly ${UNITS} of ${REQUESTS} parallel requests reserve the last ${UNITS} units`, async () => {
    const item: Product = await product(rt, 'RACE-1');
    const store = await warehouse(rt, 'RACE-W');
    await receive(rt, item.sku, store.id, UNITS);
    const headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const res = await fetch(`${bases[i % bases.length]}/api/v1/inventory/reservations`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ referenceType: 'order', referenceId: `race-${i}`, lines: [{ sku: item.sku, quantity: 1 }] }),
        });
        return { status: res.status, body: (await res.json()) as Reservation | Problem };
      }),
    );

    const won = answers.filter((a) => a.status === 201).map((a) => a.body as Reservation);
    const lost = answers.filter((a) => a.status === 409).map((a) => a.body as Problem);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    expect(won).toHaveLength(UNITS);
    expect(lost).toHaveLength(REQUESTS - UNITS);
    for (const p of lost) {
      expect(p.code).toBe('insufficient_stock');
      expect(p.errors).toEqual([{ path: 'lines.0', message: `${item.sku}: requested 1, available 0` }]);
    }
    for (const r of won) expect(r.allocations).toEqual([{ sku: item.sku, warehouseId: store.id, quantity: 1, backordered: 0 }]);

    expect(await level(rt, item.id, store.id)).toMatchObject({ onHand: UNITS, reserved: UNITS, available: 0 });
    const active = await rt.deps.db.selectFrom('stock_reservations').select('reference_id').where('product_id', '=', item.id).where('status', '=', 'active').execute();
    expect(active.map((r) => r.reference_id).sort()).toEqual(won.map((r) => r.referenceId).sort());
    await expectLedgerHolds(rt);
  });
});
