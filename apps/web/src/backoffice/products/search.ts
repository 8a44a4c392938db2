import { searchBoolean, searchText } from '../../shared/search';
import type { ProductFilters } from './api';

/** `/products?q=&active=true|false`. */
export function validateProductSearch(search: Record<string, unknown>): ProductFilters {
  return { q: searchText(search.q), active: searchBoolean(search.active) };
}
