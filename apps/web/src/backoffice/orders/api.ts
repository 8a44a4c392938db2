import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeDecisionRequest, CreateOrderRequest, UpdateOrderRequest, Customer, CustomerSummary, Order, OrderEvent, OrderPriority, OrderStatus, OrderSummary, Product, StockLevel } from '@ordercare/contracts';
import { api, ifMatch } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';

export interface OrderFilters {
  status?: OrderStatus;
  priority?: OrderPriority;
  customerId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  sort?: 'priority';
}

const BASE = '/api/v1/orders';
const PAGE_SIZE = 25;

export const orderKeys = {
  all: ['orders'] as const,
  list: (filters: OrderFilters) => ['orders', 'list', filters] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  events: (id: string) => ['orders', 'events', id] as const,
  placedCount: ['orders', 'placed-count'] as const,
};

export function useOrderList(filters: OrderFilters) {
  return useCursorList(orderKeys.list(filters), (cursor) =>
    api.get<CursorPage<OrderSummary>>(BASE, {
      query: {
        status: filters.status,
        priority: filters.priority,
        customerId: filters.customerId,
        from: filters.from,
        to: filters.to,
        overdue: filters.overdue === undefined ? undefined : String(filters.overdue),
        sort: filters.sort,
        limit: PAGE_SIZE,
        cursor,
      },
    }),
  );
}

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => api.get<Order>(`${BASE}/${encodeURIComponent(id)}`) });
}

export function useOrderEvents(id: string) {
  return useCursorList(orderKeys.events(id), (cursor) =>
    api.get<CursorPage<OrderEvent>>(`${BASE}/${encodeURIComponent(id)}/events`, { query: { limit: 50, cursor } }),
  );
}

/** Orders waiting for confirmation, for the navigation badge ("200+" beyond one page). */
export function usePlacedCount(enabled: boolean): string | null {
  const query = useQuery({
    queryKey: orderKeys.placedCount,
    queryFn: () => api.get<CursorPage<OrderSummary>>(BASE, { query: { status: 'placed', limit: 200 } }),
    refetchInterval: 60_000,
    enabled,
  });
  const n = query.data?.data.length ?? 0;
  if (n === 0) return null;
  return query.data?.nextCursor ? `${n}+` : String(n);
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateOrderRequest; idempotencyKey: string }) =>
      api.post<Order>(BASE, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}

export function useTransitionOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, to, reason }: { version: number; to: OrderStatus; reason?: string }) =>
      api.post<Order>(`${BASE}/${encodeURIComponent(id)}/transitions`, { to, ...(reason ? { reason } : {}) }, { headers: ifMatch(version) }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}

/** `PATCH /orders/{id}` with If-Match: 200 applied, 202 with `pendingChange` (awaits the customer). */
export function useUpdateOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateOrderRequest }) =>
      api.patch<Order>(`${BASE}/${encodeURIComponent(id)}`, body, { headers: ifMatch(version) }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}

/** Records the customer's answer to a pending change. */
export function useDecideChange(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ changeId, body }: { changeId: string; body: ChangeDecisionRequest }) =>
      api.post<Order>(`${BASE}/${encodeURIComponent(id)}/changes/${encodeURIComponent(changeId)}/decision`, body),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}

/** The catalog products of some SKUs (exact matches of a search each), for prefilled lines. */
export function useProductsBySku(skus: string[]) {
  return useQueries({
    queries: skus.map((sku) => ({
      queryKey: ['products', 'by-sku', sku],
      queryFn: () => api.get<CursorPage<Product>>('/api/v1/products', { query: { q: sku, limit: 20 } }).then((p) => p.data.find((x) => x.sku === sku) ?? null),
      staleTime: 30_000,
    })),
  });
}

/** Short-lived notes for the detail page after an edit ("saved", "sent for approval"). */
export const editNotes = new Map<string, 'applied' | 'pending'>();

/** Customers matching a search, for pickers. */
export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => api.get<CursorPage<CustomerSummary>>('/api/v1/customers', { query: { q: q || undefined, limit: 20 } }).then((p) => p.data),
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });
}

export function useCustomerById(id: string | null | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', id ?? ''],
    queryFn: () => api.get<Customer>(`/api/v1/customers/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** Active products matching a search, for the SKU picker. */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: ['products', 'search', q],
    queryFn: () => api.get<CursorPage<Product>>('/api/v1/products', { query: { q: q || undefined, active: 'true', limit: 20 } }).then((p) => p.data),
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });
}

/** Units available to promise for a SKU, summed over every warehouse. */
export function useAvailability(sku: string | null) {
  return useQuery({
    queryKey: ['inventory', 'availability', sku ?? ''],
    queryFn: async () => {
      const page = await api.get<CursorPage<StockLevel>>('/api/v1/inventory', { query: { sku: sku ?? '', limit: 200 } });
      return page.data.reduce((sum, level) => sum + level.available, 0);
    },
    enabled: !!sku,
    staleTime: 10_000,
  });
}
