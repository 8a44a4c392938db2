/**
 * The floor under the placement bench's open-loop tail: what this host, its disk and the load
 * generator give at a rate when the server does almost nothing. A floor server (lib/floor-server.mjs:
 * node:http, no framework, no database) answers each POST after a fixed amount of work on its event
 * loop and WAL-like writes covered by one fdatasync at a time, as the app's group commit does. The
 * same open loop as bench/order-placement.ts drives it (lib/load.ts, latency from each request's
 * intended send time), with bodies of the same size.
 *
 *   npx tsx bench/http-floor.ts [--rate 520] [--seconds 10] [--steps 3] [--loop-ms 0,0.8,1.1,1.3] [--pages 48]
 *   --loop-ms: the event-loop work per request, one server per value; give the app's (`--cpu-split`
 *              on the placement bench reports its event loop's ms per order in each open-loop step)
 *   --pages:   WAL frames (4 KiB pages) written per request before its fsync; 48 is a lone order's
 *
 * What it shows: with no work the floor's p99 is the host's; with the app's loop work per order, it
 * is what a queue at the app's event-loop load gives on this host, whatever the work is.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mainThreadCpuSeconds } from './lib/diagnose.js';
import { createClient, openLoop, type Request } from './lib/load.js';
import { commandLine, REPO } from './lib/process.js';
import { int, log, machineBusyMs, ms } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '520' },
    seconds: { type: 'string', default: '10' },
    steps: { type: 'string', default: '3' },
    'loop-ms': { type: 'string', default: '0,0.8,1.1,1.3' },
    pages: { type: 'string', default: '48' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const STEPS = Number(args.steps);
const PAGES = Number(args.pages);
const LOOP_MS = args['loop-ms'].split(',').map(Number);
for (const [name, v] of [['--rate', RATE], ['--seconds', SECONDS], ['--steps', STEPS], ['--pages', PAGES], ...LOOP_MS.map((l) => ['--loop-ms', l] as const)] as const) {
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number of 0 or more, got ${String(v)}`);
}

/** A placement-shaped body: 1–3 lines, an address, a date, sometimes notes (about 400 bytes). */
function requests(): () => Request {
  let n = 0;
  return () => {
    const i = n++;
    const lines = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ sku: `SKU-${String((i * 7 + k) % 200).padStart(4, '0')}`, quantity: 1 + ((i + k) % 3) }));
    const body = JSON.stringify({ customerId: `cus_${i % 200}`, currency: 'CNY', lines, shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: '2027-01-15', priority: 'normal', notes: i % 3 === 0 ? 'Deliver to the loading bay' : undefined });
    return { method: 'POST', path: '/api/v1/orders', headers: { 'idempotency-key': `floor-${i}` }, body };
  };
}

async function startFloor(loopMs: number, dir: string): Promise<{ base: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, [path.join(REPO, 'bench/lib/floor-server.mjs')], { env: { ...process.env, LOOP_MS: String(loopMs), PAGES: String(PAGES), FLOOR_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

const started = Date.now();
const rows: string[] = [];
for (const loopMs of LOOP_MS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-floor-'));
  const server = await startFloor(loopMs, dir);
  const client = createClient(server.base);
  const next = requests();
  try {
    await openLoop(client, next, { rate: RATE, seconds: 3 }); // warm-up
    for (let step = 1; step <= STEPS; step++) {
      const cpu0 = machineBusyMs();
      const loop0 = mainThreadCpuSeconds(server.pid);
      const r = await openLoop(client, next, { rate: RATE, seconds: SECONDS });
      const busy = (mainThreadCpuSeconds(server.pid) - loop0) / r.seconds;
      const machine = (machineBusyMs() - cpu0) / r.ok;
      const late = r.slow.length ? Math.max(...r.slow.map((s) => s.late)) : 0;
      log(`loop ${loopMs} ms, step ${step}: p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)} ms; loop busy ${Math.round(busy * 100)} %`);
      rows.push(`| ${ms(loopMs)} | ${step} | ${int(r.rate)} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.p999)} | ${ms(r.latency.max)} | ${r.maxOutstanding} | ${r.slow.length} | ${ms(late)} | ${Math.round(busy * 100)} % | ${ms(machine)} |`);
    }
  } finally {
    client.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(
  [
    `#### The floor at ${int(RATE)} requests/s: node:http, ${PAGES} WAL-like pages and a shared fdatasync per request, and a fixed amount of event-loop work`,
    '',
    `${os.cpus().length} CPUs, Node ${process.version}, ${os.type()} ${os.release()}; the load generator (this process) and the floor server share them. ${SECONDS} s per step after a 3 s warm-up.`,
    '',
    '| event-loop work per request, ms | step | achieved/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | max in flight | over 25 ms | sent late by up to, ms | event loop busy | machine CPU ms per request |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Command: \`${commandLine()}\` (total ${Math.round((Date.now() - started) / 1000)} s)`,
    '',
  ].join('\n'),
);
process.exit(0);
