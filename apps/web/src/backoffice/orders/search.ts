import { ORDER_PRIORITIES, ORDER_STATUSES } from '@ordercare/contracts';
import { searchBoolean, searchText } from '../../shared/search';
import type { OrderFilters } from './api';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return (values as readonly unknown[]).includes(value) ? (value as T) : undefined;
}

function date(value: unknown): string | undefined {
  const text = searchText(value);
  return text && DATE.test(text) ? text : undefined;
}

/** `/orders?status=&priority=&customerId=&from=&to=&overdue=&sort=`: unknown or empty values are dropped. */
export function validateOrderSearch(search: Record<string, unknown>): OrderFilters {
  return {
    status: oneOf(ORDER_STATUSES, search.status),
    priority: oneOf(ORDER_PRIORITIES, search.priority),
    customerId: searchText(search.customerId),
    from: date(search.from),
    to: date(search.to),
    overdue: searchBoolean(search.overdue) ? true : undefined,
    sort: search.sort === 'priority' ? 'priority' : undefined,
  };
}
