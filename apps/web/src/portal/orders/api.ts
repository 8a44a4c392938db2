import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeDecisionRequest, OrderChange, OrderStatus, PortalOrder, PortalOrderSummary } from '@ordercare/contracts';
import { api } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';

const BASE = '/api/v1/portal/orders';

export const portalOrderKeys = {
  all: ['portal-orders'] as const,
  list: (status: OrderStatus | undefined) => ['portal-orders', 'list', status ?? 'all'] as const,
  detail: (id: string) => ['portal-orders', 'detail', id] as const,
};

export function usePortalOrders(status: OrderStatus | undefined) {
  return useCursorList(portalOrderKeys.list(status), (cursor) => api.get<CursorPage<PortalOrderSummary>>(BASE, { query: { status, limit: 25, cursor } }));
}

export function usePortalOrder(id: string) {
  return useQuery({ queryKey: portalOrderKeys.detail(id), queryFn: () => api.get<PortalOrder>(`${BASE}/${encodeURIComponent(id)}`) });
}

export const portalDocumentUrl = (id: string, kind: 'confirmation' | 'invoice') => `${BASE}/${encodeURIComponent(id)}/documents/${kind}.pdf`;

/** The customer's answer to a pending change; the order is reloaded afterwards. */
export function usePortalDecision(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ changeId, body }: { changeId: string; body: ChangeDecisionRequest }) =>
      api.post<OrderChange>(`${BASE}/${encodeURIComponent(id)}/changes/${encodeURIComponent(changeId)}/decision`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalOrderKeys.all }),
  });
}
