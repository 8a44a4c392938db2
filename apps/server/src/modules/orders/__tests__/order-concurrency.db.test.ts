import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, Problem } from '@ordercare/contracts';
// @ts-expect-error plain ESM script without types
import { freePort } from '../../../../../../scripts/pg-cluster.mjs';
import { dbKind, freshDatabaseUrl } from '../../../../test/support/db.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { loadConfig } from '../../../platform/config.js';
import { count, customer, expectLedgerHolds, level, orderBody, product, receive, warehouse } from './helpers.js';

const REPO = fileURLToPath(new URL('../../../../../../', import.meta.url));
const UNITS = 10;
const REQUESTS = 50;

/**
 * PostgreSQL: two real `ordercare serve` processes on one database (this process's runtime sets
 * up and inspects it). SQLite: one in-process server on a port. The orders arrive in parallel
 * over real HTTP either way.
 */
let rt: TestRuntime;
let bases: string[] = [];
const children: ChildProcess[] = [];

function serve(databaseUrl: string, port: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-orders-race-'));
  const child = spawn(process.execPath, [path.join(REPO, 'apps/server/bin/ordercare.mjs'), 'serve'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKER: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  children.push(child);
  return { child, stderr: () => stderr };
}

async function waitReady(base: string, proc: ReturnType<typeof serve>) {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`ordercare serve exited with ${proc.child.exitCode}: ${proc.stderr()}`);
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`ordercare serve at ${base} not ready after 45 s: ${proc.stderr()}`);
}

beforeAll(async () => {
  if (dbKind === 'postgres') {
    const databaseUrl = await freshDatabaseUrl();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-orders-race-'));
    rt = await startTestRuntime({ config: loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WORKER: 'off', PORT: '0' }) });
    const ports = [(await freePort()) as number, (await freePort()) as number];
    const procs = ports.map((port) => serve(databaseUrl, port));
    bases = ports.map((port) => `http://127.0.0.1:${port}`);
    await Promise.all(bases.map((base, i) => waitReady(base, procs[i]!)));
    const headers = await rt.asRole('sales');
    for (const base of bases) {
      const probe = await fetch(`${base}/api/v1/orders?limit=1`, { headers });
      if (probe.status === 404) throw new Error(`${base} runs an old build without the order routes: run \`npx tsc -b packages/contracts apps/server\` first (npm test does)`);
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
      (child) =>
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

describe(`orders under concurrency (${dbKind === 'postgres' ? 'two server processes on PostgreSQL' : 'parallel requests to one server on SQLite'})`, () => {
  it(`places exactly ${UNITS} of ${REQUESTS} parallel orders for the last ${UNITS} units, numbered without gaps`, async () => {
    const buyer = await customer(rt, 'Race Buyer');
    const item = await product(rt, 'RACE-1', { unitPrice: 500 });
    const store = await warehouse(rt, 'RACE-W');
    await receive(rt, item.sku, store.id, UNITS);
    const headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const body = orderBody(buyer.id, { lines: [{ sku: item.sku, quantity: 1 }], notes: `race ${i}` });
        const res = await fetch(`${bases[i % bases.length]}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Order | Problem };
      }),
    );

    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const won = answers.filter((a) => a.status === 201).map((a) => a.body as Order);
    const lost = answers.filter((a) => a.status === 409).map((a) => a.body as Problem);
    expect(won).toHaveLength(UNITS);
    expect(lost).toHaveLength(REQUESTS - UNITS);
    for (const p of lost) {
      expect(p.code).toBe('insufficient_stock');
      expect(p.errors).toEqual([{ path: 'body.lines.0', message: `${item.sku}: requested 1, available 0` }]);
    }

    // Numbers 1..10 of the year, each once: the 40 refused placements consumed none.
    const year = won[0]!.number.slice(0, 'SO-2026'.length);
    expect(won.map((o) => o.number).sort()).toEqual(Array.from({ length: UNITS }, (_, i) => `${year}-${String(i + 1).padStart(6, '0')}`));
    expect(await count(rt, 'orders')).toBe(UNITS);
    expect(await count(rt, 'order_lines')).toBe(UNITS);

    expect(await level(rt, item.id, store.id)).toMatchObject({ onHand: UNITS, reserved: UNITS, available: 0 });
    const active = await rt.deps.db.selectFrom('stock_reservations').select('reference_id').where('product_id', '=', item.id).where('status', '=', 'active').execute();
    expect(active.map((r) => r.reference_id).sort()).toEqual(won.map((o) => o.id).sort());
    await expectLedgerHolds(rt);
  });

  it('numbers concurrent placements that share no stock without gaps or duplicates, skipping none for the refused', async () => {
    const buyer = await customer(rt, 'Second Buyer');
    await product(rt, 'SERVICE-1', { trackInventory: false }); // no stock row: only the number counter is shared
    const headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };
    const before = await count(rt, 'orders');
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const sku = i % 3 === 0 ? 'RACE-1' : 'SERVICE-1'; // RACE-1 is sold out: refused after pricing, before numbering
        const res = await fetch(`${bases[i % bases.length]}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify(orderBody(buyer.id, { lines: [{ sku, quantity: 1 }] })) });
        return { status: res.status, body: (await res.json()) as Order | Problem };
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(20).fill(201), ...Array(10).fill(409)]);
    const numbers = answers.filter((a) => a.status === 201).map((a) => Number((a.body as Order).number.slice(-6)));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
  });
});
