import type { CustomerExportQuery } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { staffUsersById } from '../../identity/index.js';
import { toCustomer } from '../customer.js';
import { csvText, customerRecord } from '../customer-csv.js';
import { loadChildrenOfMany } from '../customer.repo.js';
import { searchCustomers, type ListPosition } from '../customer-search.repo.js';
import { filterOf } from './list-customers.js';

export const EXPORT_PAGE_ROWS = 500;

/**
 * The CSV of every customer the filters select, in list order, as text chunks: the header, then
 * one chunk per page of EXPORT_PAGE_ROWS customers (one short query each, never one giant query).
 * The import reads it back unchanged.
 */
export async function* exportCustomersCsv(db: Executor, query: CustomerExportQuery): AsyncGenerator<string> {
  yield csvText([], true);
  const filter = filterOf(query);
  let after: ListPosition | undefined;
  for (;;) {
    const rows = await searchCustomers(db, filter, EXPORT_PAGE_ROWS, after);
    if (rows.length === 0) return;
    const records = await loadChildrenOfMany(db, rows);
    const managers = await staffUsersById(db, rows.flatMap((r) => (r.account_manager_id ? [r.account_manager_id] : [])));
    yield csvText(
      records.map((r) => customerRecord(toCustomer(r, null), r.row.account_manager_id ? (managers.get(r.row.account_manager_id)?.email ?? null) : null)),
      false,
    );
    if (rows.length < EXPORT_PAGE_ROWS) return;
    const last = rows[rows.length - 1]!;
    after = [last.sort_name, last.id];
  }
}
