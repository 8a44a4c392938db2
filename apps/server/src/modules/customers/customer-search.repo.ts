import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/index.js';
import type { CustomersTable } from '../../platform/db/schema.js';
import { prefixEnd } from './search-terms.js';

export interface CustomerFilter {
  /** Every prefix must match one search term of the customer (AND). */
  prefixes: readonly string[];
  tag?: string | undefined;
  accountManagerId?: string | undefined;
  kind?: string | undefined;
}

/** List position: the last row's (sort_name, id). */
export type ListPosition = readonly [sortName: string, id: string];

/**
 * Up to this many rows matching the rarest prefix, the page is driven from the term index: its
 * entries carry (sort_name, customer_id), so the matches are sorted without reading customers and
 * only the page's rows are fetched. A prefix matching more rows than this is common enough that
 * walking customers in list order finds a page quickly.
 */
export const DRIVE_LIMIT = 10_000;

type Eb = ExpressionBuilder<Database, never>;

/** Does the customer (`idRef`) have a term starting with `prefix`? One seek on (customer_id, term). */
const hasPrefix = (eb: Eb, idRef: string, prefix: string) =>
  eb.exists(
    eb
      .selectFrom('customer_search_terms as t')
      .select(sql.lit(1).as('one'))
      .where(sql.ref('t.customer_id'), '=', sql.ref(idRef))
      .where('t.term', '>=', prefix)
      .where('t.term', '<', prefixEnd(prefix)),
  );

const hasTag = (eb: Eb, idRef: string, tag: string) =>
  eb.exists(eb.selectFrom('customer_tags as g').select(sql.lit(1).as('one')).where(sql.ref('g.customer_id'), '=', sql.ref(idRef)).where('g.tag', '=', tag));

/** How many terms start with the prefix, counted up to DRIVE_LIMIT + 1 (a short covering-index scan). */
async function countUpTo(db: Executor, prefix: string): Promise<number> {
  const ids = db.selectFrom('customer_search_terms').select('customer_id').where('term', '>=', prefix).where('term', '<', prefixEnd(prefix)).limit(DRIVE_LIMIT + 1);
  const row = await db.selectFrom(ids.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of customers in (sort_name, id) order. The plan is chosen here, from cheap index
 * counts, rather than left to the engine: SQLite keeps no statistics unless ANALYZE runs, and the
 * same choice then holds on both engines (see docs/PERFORMANCE.md for the plans and timings).
 *  1. a rare enough prefix drives: sort its term entries (index only), check the other conditions;
 *  2. else a tag drives: its index is already in list order, so the scan stops after one page;
 *  3. else walk customers in list order (by account manager when filtered), checking each row.
 */
export async function searchCustomers(db: Executor, filter: CustomerFilter, limit: number, after?: ListPosition): Promise<CustomersTable[]> {
  let driver: string | undefined;
  let best = Infinity;
  for (const prefix of filter.prefixes) {
    const n = await countUpTo(db, prefix);
    if (n === 0) return [];
    if (n <= DRIVE_LIMIT && n < best) [best, driver] = [n, prefix];
  }

  if (driver === undefined && !filter.tag) {
    let q = db.selectFrom('customers as c').selectAll('c');
    if (filter.kind) q = q.where('c.kind', '=', filter.kind);
    if (filter.accountManagerId) q = q.where('c.account_manager_id', '=', filter.accountManagerId);
    for (const p of filter.prefixes) q = q.where((eb) => hasPrefix(eb as unknown as Eb, 'c.id', p));
    if (after) q = q.where((eb) => eb(eb.refTuple('c.sort_name', 'c.id'), '>', eb.tuple(after[0], after[1])));
    return q.orderBy('c.sort_name').orderBy('c.id').limit(limit).execute();
  }

  // The driving index yields candidates (sort_name, customer_id); the page's ids come from them.
  const candidates =
    driver !== undefined
      ? db.selectFrom('customer_search_terms').select(['sort_name', 'customer_id']).distinct().where('term', '>=', driver).where('term', '<', prefixEnd(driver))
      : db.selectFrom('customer_tags').select(['sort_name', 'customer_id']).where('tag', '=', filter.tag!);
  let page = db.selectFrom(candidates.as('k')).select('k.customer_id');
  if (filter.kind || filter.accountManagerId) {
    // CROSS JOIN keeps the candidates as the outer loop on SQLite.
    let withRow = page.crossJoin('customers as f').whereRef('f.id', '=', 'k.customer_id');
    if (filter.kind) withRow = withRow.where('f.kind', '=', filter.kind);
    if (filter.accountManagerId) withRow = withRow.where('f.account_manager_id', '=', filter.accountManagerId);
    page = withRow as unknown as typeof page;
  }
  for (const p of filter.prefixes) if (p !== driver) page = page.where((eb) => hasPrefix(eb as unknown as Eb, 'k.customer_id', p));
  if (filter.tag && driver !== undefined) page = page.where((eb) => hasTag(eb as unknown as Eb, 'k.customer_id', filter.tag!));
  if (after) page = page.where((eb) => eb(eb.refTuple('k.sort_name', 'k.customer_id'), '>', eb.tuple(after[0], after[1])));
  const ids = page.orderBy('k.sort_name').orderBy('k.customer_id').limit(limit);
  return db.selectFrom('customers as c').selectAll('c').where('c.id', 'in', ids).orderBy('c.sort_name').orderBy('c.id').execute();
}
