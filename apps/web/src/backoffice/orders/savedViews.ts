import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSavedViewRequest, SavedView, SavedViewList, SavedViewPage } from '@ordercare/contracts';
import { api } from '../../api/client';
import type { OrderFilters } from './api';
import { validateOrderSearch } from './search';

const BASE = '/api/v1/saved-views';
const keys = { page: (page: SavedViewPage) => ['saved-views', page] as const };

export function useSavedViews(page: SavedViewPage) {
  return useQuery({ queryKey: keys.page(page), queryFn: () => api.get<SavedViewList>(BASE, { query: { page } }) });
}

export function useCreateSavedView(page: SavedViewPage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSavedViewRequest) => api.post<SavedView>(BASE, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.page(page) }),
  });
}

export function useDeleteSavedView(page: SavedViewPage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<SavedView>(`${BASE}/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.page(page) }),
  });
}

/** The URL filters as the string record a saved view stores (unset ones left out). */
export function filtersToQuery(filters: OrderFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
}

/** A saved view's query back to filters, dropping anything the list no longer understands. */
export function queryToFilters(query: Record<string, string>): OrderFilters {
  return Object.fromEntries(Object.entries(validateOrderSearch(query)).filter(([, v]) => v !== undefined)) as OrderFilters;
}
