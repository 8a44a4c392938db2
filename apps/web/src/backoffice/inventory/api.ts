import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdjustmentRequest, Movement, StockLevel, Warehouse } from '@ordercare/contracts';
import { api } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';

export interface StockFilters {
  sku?: string;
  warehouseId?: string;
}

export interface ThresholdsBody {
  sku: string;
  warehouseId: string;
  safetyStock: number;
  reorderPoint: number;
}

export const inventoryKeys = {
  all: ['inventory'] as const,
  stock: (filters: StockFilters) => ['inventory', 'stock', filters] as const,
  movements: (filters: StockFilters) => ['inventory', 'movements', filters] as const,
  lowStock: ['inventory', 'low-stock'] as const,
  warehouses: ['warehouses'] as const,
};

export function useStockList(filters: StockFilters, options: { enabled?: boolean } = {}) {
  return useCursorList(
    inventoryKeys.stock(filters),
    (cursor) => api.get<CursorPage<StockLevel>>('/api/v1/inventory', { query: { ...filters, limit: 50, cursor } }),
    options,
  );
}

export function useMovements(filters: StockFilters) {
  return useCursorList(inventoryKeys.movements(filters), (cursor) =>
    api.get<CursorPage<Movement>>('/api/v1/inventory/movements', { query: { ...filters, limit: 50, cursor } }),
  );
}

/** Stock at or below its reorder point. */
export function useLowStock(filters: { warehouseId?: string }) {
  return useCursorList([...inventoryKeys.lowStock, filters], (cursor) =>
    api.get<CursorPage<StockLevel>>('/api/v1/inventory/low-stock', { query: { ...filters, limit: 50, cursor } }),
  );
}

export function useWarehouses() {
  return useQuery({
    queryKey: inventoryKeys.warehouses,
    // Warehouses are few: one page of 200 holds them all.
    queryFn: () => api.get<CursorPage<Warehouse>>('/api/v1/warehouses', { query: { limit: 200 } }).then((page) => page.data),
    staleTime: 5 * 60_000,
  });
}

export function useCreateWarehouse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; name: string; address: string | null }) => api.post<Warehouse>('/api/v1/warehouses', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.warehouses }),
  });
}

export function useAdjustStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AdjustmentRequest) => api.post<StockLevel>('/api/v1/inventory/adjustments', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}

export function useSetThresholds() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ThresholdsBody) => api.put<StockLevel>('/api/v1/inventory/thresholds', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}
