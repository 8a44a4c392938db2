import { CUSTOMER_KINDS } from '@ordercare/contracts';
import { searchText } from '../../shared/search';
import type { CustomerFilters } from './api';

/** `/customers?q=&tag=&kind=&accountManagerId=`: unknown or empty values are dropped. */
export function validateCustomerSearch(search: Record<string, unknown>): CustomerFilters {
  const kind = (CUSTOMER_KINDS as readonly unknown[]).includes(search.kind) ? (search.kind as CustomerFilters['kind']) : undefined;
  return { q: searchText(search.q), tag: searchText(search.tag), kind, accountManagerId: searchText(search.accountManagerId) };
}
