/**
 * What the outbox worker costs per order, apart from placement: orders are placed over HTTP with
 * no worker running (closed loop), the server stops, then one `ordercare worker` process handles
 * every event alone. CPU comes from /proc for each process group, for both phases, so placement
 * and the worker are priced separately and without competing for the CPUs.
 *
 *   npx tsx bench/worker-drain.ts [--db sqlite|postgres] [--seconds 10] [--concurrency 8] [--profile] [--no-build]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { profileMarkdown, summariseProfiles } from './lib/cpuprofile.js';
import { processTicks } from './lib/diagnose.js';
import { closedLoop, createClient } from './lib/load.js';
import { benchDatabase, buildServer, commandLine, engineName, machineFacts, REPO, spawnServer, type Engine } from './lib/process.js';
import { DELIVERY_DATE, openRuntime, seed } from './lib/seed.js';
import { int, log, ms } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const engine: Engine = args.db === 'postgres' ? 'postgres' : 'sqlite';
const TICK_MS = 1000 / 100; // USER_HZ

/** CPU milliseconds by group between two `processTicks()` snapshots. */
function cpuByGroup(before: ReturnType<typeof processTicks>, after: ReturnType<typeof processTicks>, pids: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  const named = new Map(Object.entries(pids).map(([k, v]) => [v, k]));
  for (const [pid, now] of after) {
    const delta = now.ticks - (before.get(pid)?.ticks ?? 0);
    if (delta <= 0) continue;
    const group = named.get(pid) ?? (now.cmd.startsWith('postgres:') && now.cmd.includes('[local]') ? 'database backends' : 'other');
    out[group] = (out[group] ?? 0) + delta * TICK_MS;
  }
  return out;
}

async function pendingEvents(db: Awaited<ReturnType<typeof benchDatabase>>): Promise<number> {
  const rt = await openRuntime(db);
  try {
    const r = await rt.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('available_at', '<=', new Date().toISOString()).executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await rt.close();
  }
}

async function main() {
  const started = Date.now();
  if (!args['no-build']) buildServer();
  const db = await benchDatabase(engine);
  try {
    const rt = await openRuntime(db);
    const seeded = await seed(rt, { products: 200, customers: 200, stock: 1_000_000_000 });
    await rt.close();

    // 1. Placement alone.
    const server = await spawnServer({ db, worker: 'off' });
    const client = createClient(server.base);
    const headers = { authorization: `Bearer ${seeded.token}` };
    let n = 0;
    const request = () => {
      const i = n++;
      const lines = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ sku: seeded.products[(i * 7 + k * 13) % seeded.products.length]!.sku, quantity: 1 + (i % 4) }));
      const body = { customerId: seeded.customers[i % seeded.customers.length]!.id, currency: 'CNY', lines, shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: DELIVERY_DATE, priority: 'normal' };
      return { method: 'POST' as const, path: '/api/v1/orders', headers: { ...headers, 'idempotency-key': `drain-${i}` }, body: JSON.stringify(body) };
    };
    await closedLoop(client, request, { concurrency: Number(args.concurrency), seconds: 2 }); // warm-up
    const p0 = processTicks();
    const placed = await closedLoop(client, request, { concurrency: Number(args.concurrency), seconds: Number(args.seconds) });
    const placing = cpuByGroup(p0, processTicks(), { server: server.pid, 'bench and load generator': process.pid });
    client.close();
    await server.stop();
    const orders = n;
    const events = await pendingEvents(db);
    log(`placed ${int(orders)} orders (${int(placed.rate)}/s with no worker); ${int(events)} events pending`);

    // 2. The worker alone, until nothing is due.
    const profileDir = args.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-cpuprof-drain-')) : undefined;
    const w0 = processTicks();
    const t0 = Date.now();
    const worker = await spawnServer({ db, command: 'worker', worker: 'off', nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
    let left = events;
    while (left > 0 && Date.now() - t0 < 300_000) {
      await new Promise((r) => setTimeout(r, 200));
      left = await pendingEvents(db);
    }
    const wall = Date.now() - t0;
    const working = cpuByGroup(w0, processTicks(), { worker: worker.pid, 'bench and load generator': process.pid });
    await worker.stop();

    const per = (ms_: number | undefined) => ms((ms_ ?? 0) / orders);
    const out = [
      `#### ${engineName(engine)}: placement and the outbox worker priced apart`,
      '',
      `${machineFacts(db)}. ${int(orders)} orders placed over HTTP at concurrency ${args.concurrency} with no worker running (${int(placed.rate)} orders/s), then one \`ordercare worker\` process alone handled their ${int(events)} events in ${(wall / 1000).toFixed(1)} s (including its start).`,
      '',
      '| phase | process | CPU ms per order |',
      '|---|---|---:|',
      ...Object.entries(placing).sort((a, b) => b[1] - a[1]).map(([g, v]) => `| placement | ${g} | ${per(v)} |`),
      ...Object.entries(working).sort((a, b) => b[1] - a[1]).map(([g, v]) => `| worker | ${g} | ${per(v)} |`),
      '',
      `Command: \`${commandLine()}\` (total ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    ];
    if (left > 0) out.push('', `**${int(left)} events were still due after 5 minutes.**`);
    if (profileDir) out.push('', '`ordercare worker`, alone:', '', profileMarkdown(summariseProfiles(profileDir, REPO), 25), '', `Profiles: ${profileDir}`);
    process.stdout.write(`${out.join('\n')}\n\n`);
  } finally {
    db.close();
  }
}

await main();
