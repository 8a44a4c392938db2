import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook, WebhookDelivery, WebhookDeliveryList, WebhookWithSecret } from '@ordercare/contracts';
import { api, ifMatch } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';

const BASE = '/api/v1/webhooks';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  detail: (id: string) => ['webhooks', 'detail', id] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};

export function useWebhookList() {
  return useCursorList(webhookKeys.list, (cursor) => api.get<CursorPage<Webhook>>(BASE, { query: { limit: 50, cursor } }));
}

export function useWebhook(id: string) {
  return useQuery({ queryKey: webhookKeys.detail(id), queryFn: () => api.get<Webhook>(`${BASE}/${encodeURIComponent(id)}`) });
}

export function useDeliveries(id: string) {
  return useCursorList(webhookKeys.deliveries(id), (cursor) => api.get<WebhookDeliveryList>(`${BASE}/${encodeURIComponent(id)}/deliveries`, { query: { limit: 25, cursor } }));
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookRequest) => api.post<WebhookWithSecret>(BASE, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useUpdateWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateWebhookRequest }) => api.patch<Webhook>(`${BASE}/${encodeURIComponent(id)}`, body, { headers: ifMatch(version) }),
    onSuccess: (w) => {
      queryClient.setQueryData(webhookKeys.detail(id), w);
      void queryClient.invalidateQueries({ queryKey: webhookKeys.list });
    },
  });
}

export function useRotateSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<WebhookWithSecret>(`${BASE}/${encodeURIComponent(id)}/rotate-secret`, {}),
    onSuccess: ({ secret: _secret, ...w }) => {
      queryClient.setQueryData(webhookKeys.detail(id), w);
      void queryClient.invalidateQueries({ queryKey: webhookKeys.list });
    },
  });
}

export function useRedeliver(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api.post<WebhookDelivery>(`${BASE}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }),
  });
}
