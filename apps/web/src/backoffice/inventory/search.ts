import { searchText } from '../../shared/search';
import type { StockFilters } from './api';

/** `/inventory?sku=&warehouseId=` and `/inventory/movements?sku=&warehouseId=`. */
export function validateStockSearch(search: Record<string, unknown>): StockFilters {
  return { sku: searchText(search.sku), warehouseId: searchText(search.warehouseId) };
}
