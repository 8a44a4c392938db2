import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxConversation, InboxMessage, InboxReadResult, InboxReplyRequest, InboxThreadList } from '@ordercare/contracts';
import { api } from '../../api/client';

const BASE = '/api/v1/portal/inbox';

/** `general` or an order id: the thread's key in URLs and caches. */
export type ThreadKey = string;
export const GENERAL = 'general';

export const threadPath = (key: ThreadKey) => (key === GENERAL ? `${BASE}/general` : `${BASE}/orders/${encodeURIComponent(key)}`);

export const portalInboxKeys = {
  all: ['portal-inbox'] as const,
  list: ['portal-inbox', 'list'] as const,
  thread: (key: ThreadKey) => ['portal-inbox', 'thread', key] as const,
};

/** The customer's threads with unread counts; refreshed every 30 s (the nav badge uses it too). */
export function usePortalInbox() {
  return useQuery({ queryKey: portalInboxKeys.list, queryFn: () => api.get<InboxThreadList>(BASE), refetchInterval: 30_000 });
}

export function usePortalThread(key: ThreadKey) {
  return useQuery({ queryKey: portalInboxKeys.thread(key), queryFn: () => api.get<InboxConversation>(threadPath(key)) });
}

/** Reply in a thread; one Idempotency-Key per typed message, so a retried click cannot post twice. */
export function usePortalReply(key: ThreadKey) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: InboxReplyRequest; idempotencyKey: string }) => api.post<InboxMessage>(threadPath(key), body, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalInboxKeys.all }),
  });
}

export function usePortalMarkRead(key: ThreadKey) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<InboxReadResult>(`${threadPath(key)}/read`),
    onSuccess: (r) => (r.marked > 0 ? queryClient.invalidateQueries({ queryKey: portalInboxKeys.all }) : undefined),
  });
}
