/**
 * `npm run bench`: order placement (engine ceiling, HTTP closed and open loop) and order reads at
 * 1 million orders, on SQLite then PostgreSQL, each bench in its own process; prints the Markdown
 * tables for docs/PERFORMANCE.md on stdout (progress on stderr).
 *
 *   npm run bench -- [--db sqlite,postgres] [--only placement|reads]
 *     placement: [--seconds 10] [--warmup 3] [--concurrency 1,4,16,32] [--rates 0.25,0.5,0.75,0.9] [--worker embedded|process|off] [--profile]
 *     reads:     [--orders 1000000] [--iterations 2000] [--budget 20] [--explain]
 *
 *     both:      [--no-build] (use the existing apps/server/dist instead of running tsc -b first)
 *
 * Smoke run: npm run bench -- --seconds 3 --warmup 1 --orders 20000 --iterations 200
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer, REPO } from './lib/process.js';
import { log } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,postgres' },
    only: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    concurrency: { type: 'string' },
    rates: { type: 'string' },
    worker: { type: 'string' },
    profile: { type: 'boolean', default: false },
    orders: { type: 'string' },
    iterations: { type: 'string' },
    budget: { type: 'string' },
    explain: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

const pass = (names: (keyof typeof args)[]) =>
  names.flatMap((n) => {
    const v = args[n];
    if (v === undefined || v === false) return [];
    return v === true ? [`--${n}`] : [`--${n}`, String(v)];
  });

function run(script: string, argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    log(`\n$ npx tsx ${script} ${argv.join(' ')}`);
    const child = spawn(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO, script), ...argv], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`))));
  });
}

const started = Date.now();
// The benches run `ordercare serve` from dist/: build it once (--no-build: use the dist/ there is).
if (!args['no-build']) buildServer();
const engines = args.db.split(',').filter((e) => e === 'sqlite' || e === 'postgres');
const results: string[] = [];
for (const db of engines) {
  if (args.only !== 'reads') results.push(await run('bench/order-placement.ts', ['--db', db, '--no-build', ...pass(['seconds', 'warmup', 'concurrency', 'rates', 'worker', 'profile'])]));
  if (args.only !== 'placement') results.push(await run('bench/order-reads.ts', ['--db', db, '--no-build', ...pass(['orders', 'iterations', 'budget', 'explain'])]));
}
process.stdout.write(`\n${results.join('\n')}\nAll benches: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${os.cpus().length} CPUs, ${((Date.now() - started) / 60_000).toFixed(1)} min.\n`);
