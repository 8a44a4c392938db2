import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@ordercare/contracts';
import { dbKind } from '../support/db.js';
import type { TestRuntime } from '../support/runtime.js';
import { expectSameBuild, freshDatabase, inspector, spawnServer, stopAllServers, type ServerProcess } from '../support/servers.js';
import { expectLedgerHolds, receive, setupCustomer, setupProduct, setupWarehouse } from './fixtures.js';
import { scaled, suiteTimeout } from './scale.js';

const KEYS = scaled(150, 2000);
/** Keys in flight at once; each sends its copies concurrently or one after another. */
const PARALLEL_KEYS = 12;
/** The server is killed with SIGKILL once this share of the keys has been started. */
const KILL_AT = 0.4;

let rt: TestRuntime;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let server: ServerProcess;
let buyer: Customer;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await freshDatabase();
  rt = await inspector(db);
  buyer = await setupCustomer(rt, 'Retry Buyer');
  const store = await setupWarehouse(rt, 'RETRY-W');
  await setupProduct(rt, 'RETRY-1', { unitPrice: 1234 });
  await receive(rt, 'RETRY-1', store.id, 1_000_000);
  headers = { ...(await rt.asRole('sales')), 'content-type': 'application/json' };
  server = await spawnServer(db);
  await server.ready();
  await expectSameBuild(rt, server.base);
});
afterAll(async () => {
  await stopAllServers();
  await rt?.close();
});

type Answer = { status: number; text: string } | { status: 'network_error' };

const bodyOf = (i: number) => ({
  customerId: buyer.id,
  currency: 'CNY',
  lines: [{ sku: 'RETRY-1', quantity: 1 + (i % 3) }],
  shippingAddress: { name: 'R', line1: '1 Road', city: 'Shanghai', postalCode: '200000', country: 'CN' },
  requestedDeliveryDate: '2031-01-01',
  notes: `retry-${i}`,
});

async function send(i: number): Promise<Answer> {
  try {
    const res = await fetch(`${server.base}/api/v1/orders`, { method: 'POST', headers: { ...headers, 'idempotency-key': `retry-key-${i}` }, body: JSON.stringify(bodyOf(i)) });
    return { status: res.status, text: await res.text() };
  } catch {
    return { status: 'network_error' };
  }
}

describe(`retries with Idempotency-Key (${KEYS} keys, 1–5 copies each, a SIGKILL of the server midway, ${dbKind})`, () => {
  it(
    'creates exactly one order per key, and every replay is identical to the first answer',
    async () => {
      const answers = new Map<number, Answer[]>();
      const record = (i: number, a: Answer) => answers.set(i, [...(answers.get(i) ?? []), a]);
      let killed = false;
      let next = 0;

      const runKey = async (i: number) => {
        const copies = 1 + (i % 5);
        if (i % 2 === 0) {
          for (const a of await Promise.all(Array.from({ length: copies }, () => send(i)))) record(i, a);
        } else {
          for (let c = 0; c < copies; c++) record(i, await send(i));
        }
      };
      const lane = async () => {
        while (next < KEYS) {
          const i = next++;
          if (!killed && i >= KEYS * KILL_AT) {
            killed = true;
            // Crash while other lanes have requests in flight, then start again on the same database.
            await server.stop('SIGKILL');
            server = await spawnServer({ ...db, port: Number(new URL(server.base).port) });
            await server.ready();
          }
          await runKey(i);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_KEYS }, lane));
      expect(killed).toBe(true);

      // A client keeps retrying a key until it gets an answer that is not "try again".
      const unsettled = (list: Answer[]) => !list.some((a) => a.status === 201);
      for (let attempt = 0; attempt < 20; attempt++) {
        const open = [...answers].filter(([, list]) => unsettled(list)).map(([i]) => i);
        if (open.length === 0) break;
        for (const i of open) record(i, await send(i));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const problems: string[] = [];
      for (let i = 0; i < KEYS; i++) {
        const list = answers.get(i) ?? [];
        const final = await send(i); // one more replay, after everything
        const created = [...list, final].filter((a): a is { status: number; text: string } => a.status === 201);
        if (created.length === 0) problems.push(`key ${i}: never 201: ${JSON.stringify(list)}`);
        else if (new Set(created.map((a) => a.text)).size !== 1) problems.push(`key ${i}: replays differ`);
        const odd = list.filter((a) => a.status !== 201 && a.status !== 'network_error' && !(a.status === 409 && a.text.includes('idempotency_in_progress')));
        if (odd.length) problems.push(`key ${i}: unexpected answers ${JSON.stringify(odd)}`);
      }
      expect(problems).toEqual([]);

      const perKey = await rt.deps.db.selectFrom('orders').select(['notes', (eb) => eb.fn.countAll<number>().as('n')]).where('customer_id', '=', buyer.id).groupBy('notes').execute();
      expect(perKey).toHaveLength(KEYS);
      expect(perKey.filter((r) => Number(r.n) !== 1)).toEqual([]);
      await expectLedgerHolds(rt);
      const lost = [...answers.values()].flat().filter((a) => a.status === 'network_error').length;
      console.info(`retries: ${[...answers.values()].flat().length} requests, ${lost} cut off by the kill`);
    },
    suiteTimeout(180_000),
  );
});
