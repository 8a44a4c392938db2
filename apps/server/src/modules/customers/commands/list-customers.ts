import type { CustomerExportQuery, CustomerListQuery, CustomerSummary } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import type { CustomersTable } from '../../../platform/db/schema.js';
import { decodeCursor, encodeCursor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { staffUsersById } from '../../identity/index.js';
import type { CustomerError } from '../customer.js';
import { searchCustomers, type CustomerFilter, type ListPosition } from '../customer-search.repo.js';
import { queryPrefixes } from '../search-terms.js';

export function filterOf(query: CustomerExportQuery): CustomerFilter {
  return { prefixes: query.q ? queryPrefixes(query.q) : [], tag: query.tag || undefined, accountManagerId: query.accountManagerId || undefined, kind: query.kind };
}

/** The cursor is the last row's (sort_name, id) as base64url JSON: stable even when rows are added. */
export const positionCursor = (row: Pick<CustomersTable, 'sort_name' | 'id'>) => encodeCursor(JSON.stringify([row.sort_name, row.id]));

export function decodePosition(cursor: string | undefined): Result<ListPosition | undefined, CustomerError> {
  if (!cursor) return ok(undefined);
  try {
    const value: unknown = JSON.parse(decodeCursor(cursor) ?? '');
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return ok([value[0], value[1]]);
  } catch {
    // fall through
  }
  return err({ code: 'invalid', errors: [{ path: 'query.cursor', message: 'is not a cursor this list returned; start again without it' }] });
}

export function toSummary(r: CustomersTable, managerName: string | null): CustomerSummary {
  return {
    id: r.id,
    kind: r.kind as CustomerSummary['kind'],
    name: r.name,
    email: r.email,
    phone: r.phone,
    tags: JSON.parse(r.tags) as string[],
    accountManagerId: r.account_manager_id,
    accountManagerName: managerName,
    locale: r.locale as CustomerSummary['locale'],
    createdAt: r.created_at,
  };
}

/** `GET /customers`: search and filters, in name order, one page. */
export async function listCustomers(db: Executor, query: CustomerListQuery): Promise<Result<{ data: CustomerSummary[]; nextCursor: string | null }, CustomerError>> {
  const after = decodePosition(query.cursor);
  if (!after.ok) return after;
  const rows = await searchCustomers(db, filterOf(query), query.limit + 1, after.value);
  const page = rows.slice(0, query.limit);
  const managers = await staffUsersById(db, page.flatMap((r) => (r.account_manager_id ? [r.account_manager_id] : [])));
  return ok({
    data: page.map((r) => toSummary(r, r.account_manager_id ? (managers.get(r.account_manager_id)?.name ?? null) : null)),
    nextCursor: rows.length > query.limit ? positionCursor(page[page.length - 1]!) : null,
  });
}
