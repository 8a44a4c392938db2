import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Carrier, CreateShipmentRequest, FulfilmentQueueItem, Shipment, ShipmentEventRequest } from '@ordercare/contracts';
import { api } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';
import { orderKeys } from './api';

export const shipmentKeys = {
  ofOrder: (orderId: string) => ['orders', 'shipments', orderId] as const,
  carriers: ['carriers'] as const,
  queue: ['fulfilment', 'queue'] as const,
};

export function useOrderShipments(orderId: string) {
  return useQuery({ queryKey: shipmentKeys.ofOrder(orderId), queryFn: () => api.get<{ data: Shipment[] }>(`/api/v1/orders/${encodeURIComponent(orderId)}/shipments`) });
}

export function useCarriers() {
  return useQuery({ queryKey: shipmentKeys.carriers, queryFn: () => api.get<{ data: Carrier[] }>('/api/v1/carriers'), staleTime: 60_000 });
}

export function useFulfilmentQueue() {
  return useCursorList(shipmentKeys.queue, (cursor) => api.get<CursorPage<FulfilmentQueueItem>>('/api/v1/fulfilment/queue', { query: { limit: 50, cursor } }));
}

function useRefreshOrder(orderId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: shipmentKeys.ofOrder(orderId) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.events(orderId) });
    void queryClient.invalidateQueries({ queryKey: shipmentKeys.queue });
  };
}

/** Ships some of the remaining quantities; one Idempotency-Key per opened form. */
export function useCreateShipment(orderId: string) {
  const refresh = useRefreshOrder(orderId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateShipmentRequest; idempotencyKey: string }) =>
      api.post<Shipment>(`/api/v1/orders/${encodeURIComponent(orderId)}/shipments`, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: refresh,
  });
}

export function useShipmentEvent(orderId: string) {
  const refresh = useRefreshOrder(orderId);
  return useMutation({
    mutationFn: ({ shipmentId, body }: { shipmentId: string; body: ShipmentEventRequest }) => api.post<Shipment>(`/api/v1/shipments/${encodeURIComponent(shipmentId)}/events`, body),
    onSuccess: refresh,
  });
}
