/**
 * Placement's reads (the customer's name, the lines' products, their stock levels) as one
 * statement with JSON columns, as placement runs them, against the three statements they were
 * before, alternating in one process on a seeded database: microseconds of wall time per read,
 * one at a time.
 *
 *   npx tsx bench/placement-reads.ts [--db sqlite|postgres] [--reads 3000] [--rounds 4]
 */
import { parseArgs } from 'node:util';
import { runReused } from '../apps/server/src/platform/db/index.js';
import { findProductsBySkus, productsBySkusColumn, productsFromColumn } from '../apps/server/src/modules/catalog/index.js';
import { customerName, customerNameColumn } from '../apps/server/src/modules/customers/index.js';
import { activeLevelsColumn, levelsFromColumn } from '../apps/server/src/modules/inventory/index.js';
import { benchDatabase, commandLine, engineName, type Engine } from './lib/process.js';
import { openRuntime, seed } from './lib/seed.js';

const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, reads: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '4' } } });
const engine: Engine = args.db === 'postgres' ? 'postgres' : 'sqlite';
const N = Number(args.reads);

const db = await benchDatabase(engine);
try {
  const rt = await openRuntime(db);
  const s = await seed(rt, { products: 200, customers: 200, stock: 1e9 });
  const { db: kdb, ops } = rt.deps;
  const input = (i: number) => ({ customerId: s.customers[i % s.customers.length]!.id, skus: [s.products[i % 200]!.sku, s.products[(i + 7) % 200]!.sku] });
  const ways = {
    async 'one statement'(i: number) {
      const { customerId, skus } = input(i);
      const { rows } = await runReused(kdb, `bench.placement-reads:${skus.length}`, [customerId, ...skus, ...skus, 1], () =>
        kdb.selectNoFrom([customerNameColumn(kdb, customerId).as('customer_name'), productsBySkusColumn(kdb, ops, skus).as('products'), activeLevelsColumn(kdb, ops, skus).as('levels')]),
      );
      return [rows[0]!.customer_name, productsFromColumn(ops, rows[0]!.products), levelsFromColumn(ops, rows[0]!.levels)];
    },
    async 'three statements'(i: number) {
      const { customerId, skus } = input(i);
      const name = await customerName(kdb, customerId);
      const products = await findProductsBySkus(kdb, skus);
      const ids = [...products.values()].map((p) => p.id);
      // What inventory's activeWarehouseLevels ran (compiled once, as there).
      const levels = await runReused(kdb, `bench.levels:${ids.length}`, [...ids, 1], () =>
        kdb
          .selectFrom('warehouses as w')
          .leftJoin('stock_levels as l', (join) => join.onRef('l.warehouse_id', '=', 'w.id').on('l.product_id', 'in', ids))
          .select(['w.id as warehouse_id', 'w.code', 'l.product_id', 'l.on_hand', 'l.reserved'])
          .where('w.active', '=', 1),
      );
      return [name, products, levels.rows];
    },
  };
  const results: Record<string, number[]> = { 'one statement': [], 'three statements': [] };
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const [name, read] of Object.entries(ways)) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < N; i++) await read(i);
      results[name]!.push(Number(process.hrtime.bigint() - t) / 1e3 / N);
    }
  }
  await rt.close();
  const out = [`${engineName(engine)}, ${N} reads per round, alternating: µs of wall time per placement read, each round`, '', '| reads | rounds | median |', '|---|---|---:|'];
  for (const [name, us] of Object.entries(results)) out.push(`| ${name} | ${us.map((u) => u.toFixed(0)).join(', ')} | ${[...us].sort((a, b) => a - b)[Math.floor(us.length / 2)]!.toFixed(0)} |`);
  out.push('', `Command: \`${commandLine()}\``);
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  db.close();
}
