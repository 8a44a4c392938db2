import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order } from '@ordercare/contracts';
import { dbKind } from '../support/db.js';
import type { TestRuntime } from '../support/runtime.js';
import { expectSameBuild, freshDatabase, inspector, spawnServer, stopAllServers, type ServerProcess } from '../support/servers.js';
import { expectLedgerHolds, receive, setupCustomer, setupProduct, setupWarehouse } from './fixtures.js';
import { scaled, suiteTimeout } from './scale.js';

const KILLS = scaled(3, 50);
const LANES = 8;

let rt: TestRuntime;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let buyer: Customer;
let headers: Record<string, string>;
let port: number | undefined;

/**
 * The processes as an operator runs them: on SQLite one `ordercare serve` with its embedded
 * worker; on PostgreSQL `ordercare serve` plus a separate `ordercare worker`.
 */
async function start(): Promise<ServerProcess[]> {
  const serve = await spawnServer({ ...db, ...(port ? { port } : {}), env: { WORKER: dbKind === 'postgres' ? 'off' : 'embedded' } });
  port = Number(new URL(serve.base).port);
  const procs = [serve];
  if (dbKind === 'postgres') procs.push(await spawnServer({ ...db, command: 'worker' }));
  await serve.ready();
  return procs;
}

beforeAll(async () => {
  db = await freshDatabase();
  rt = await inspector(db);
  buyer = await setupCustomer(rt, 'Crash Buyer');
  const store = await setupWarehouse(rt, 'CRASH-W');
  await setupProduct(rt, 'CRASH-1', { unitPrice: 2500 });
  await receive(rt, 'CRASH-1', store.id, 1_000_000);
  headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };
});
afterAll(async () => {
  await stopAllServers();
  await rt?.close();
});

/** Events due now and not yet handled (timers set for later dates do not count). */
const pendingEvents = async () =>
  Number(
    (await rt.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('available_at', '<=', new Date().toISOString()).executeTakeFirstOrThrow()).n,
  );

describe(`kill -9 under load (${KILLS} crashes, ${dbKind === 'postgres' ? 'server and worker processes on PostgreSQL' : 'server with its embedded worker on SQLite'})`, () => {
  it(
    'keeps every acknowledged order, balances the ledger and handles every event exactly once',
    async () => {
      const acked = new Set<string>();
      let sent = 0;
      for (let k = 0; k < KILLS; k++) {
        const procs = await start();
        if (k === 0) await expectSameBuild(rt, procs[0]!.base);
        const base = procs[0]!.base;
        let running = true;
        const lane = async () => {
          while (running) {
            sent++;
            try {
              const res = await fetch(`${base}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify({ customerId: buyer.id, currency: 'CNY', lines: [{ sku: 'CRASH-1', quantity: 1 }], shippingAddress: { name: 'C', line1: '1 Road', city: 'Shanghai', postalCode: '200000', country: 'CN' }, requestedDeliveryDate: '2031-01-01' }) });
              if (res.status === 201) acked.add(((await res.json()) as Order).id);
              else await res.body?.cancel();
            } catch {
              // the process died under this request: its outcome is unknown, and it was not acknowledged
            }
          }
        };
        const lanes = Array.from({ length: LANES }, lane);
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 1200)));
        await Promise.all(procs.map((p) => p.stop('SIGKILL')));
        running = false;
        await Promise.all(lanes);
      }

      // Start once more and let the worker finish what the crashes interrupted.
      const procs = await start();
      const deadline = Date.now() + 120_000;
      while ((await pendingEvents()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      await Promise.all(procs.map((p) => p.stop('SIGTERM')));

      expect(acked.size).toBeGreaterThan(0);
      const stored = new Set((await rt.deps.db.selectFrom('orders').select('id').where('customer_id', '=', buyer.id).execute()).map((r) => r.id));
      expect([...acked].filter((id) => !stored.has(id))).toEqual([]); // every 2xx survived the crashes
      await expectLedgerHolds(rt);

      // Each stored order has its event, and every event was handled once: done, and exactly one
      // timeline entry per event (the timeline handler has no unique index to hide a double run).
      const events = await rt.deps.db.selectFrom('outbox').select(['id', 'status', 'aggregate_id']).where('type', '=', 'order.placed').execute();
      expect(events.map((e) => e.aggregate_id).sort()).toEqual([...stored].sort());
      expect(events.filter((e) => e.status !== 'done')).toEqual([]);
      const timeline = await rt.deps.db
        .selectFrom('customer_timeline')
        .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('customer_id', '=', buyer.id)
        .where('type', '=', 'order.placed')
        .groupBy('event_id')
        .execute();
      expect(timeline).toHaveLength(events.length);
      expect(timeline.filter((t) => Number(t.n) !== 1)).toEqual([]);
      console.info(`crash: ${KILLS} kills, ${sent} requests sent, ${acked.size} acknowledged, ${stored.size} stored`);
    },
    suiteTimeout(180_000),
  );
});
