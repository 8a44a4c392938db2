import { useEffect } from 'react';
import { Badge, Card, Center, Group, Loader, Stack, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxConversation, InboxMessage, InboxReadResult, Order } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { IconInbox } from '../../shared/icons';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { MessageThread } from '../../portal/inbox/MessageThread';
import { usePermissions } from '../permissions';

const path = (orderId: string) => `/api/v1/orders/${encodeURIComponent(orderId)}/conversation`;
const conversationKey = (orderId: string) => ['order-conversation', orderId] as const;

function useOrderConversation(orderId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const thread = useQuery({ queryKey: conversationKey(orderId), queryFn: () => api.get<InboxConversation>(path(orderId)), enabled, refetchInterval: 30_000 });
  const send = useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: string; idempotencyKey: string }) => api.post<InboxMessage>(path(orderId), { body }, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationKey(orderId) }),
  });
  const read = useMutation({ mutationFn: () => api.post<InboxReadResult>(`${path(orderId)}/read`) });
  return { thread, send, read };
}

/** The order's conversation with the customer (their portal inbox): read it and write to them. */
export function OrderConversation({ order }: { order: Order }) {
  const { t } = useTranslation();
  // The same roles that may edit customers may talk to them (admin, manager, sales, support).
  const allowed = usePermissions().can('customers.write');
  const { thread, send, read } = useOrderConversation(order.id, allowed);
  const unread = thread.data?.unread ?? 0;
  const markRead = read.mutate;
  useEffect(() => {
    if (unread > 0) markRead();
  }, [unread, markRead]);
  if (!allowed) return null;
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-conversation">
      <Stack gap="md">
        <Group gap="xs">
          <IconInbox size={18} />
          <Title order={2} fz="lg">
            {t('inbox.conversation')}
          </Title>
          {unread > 0 ? (
            <Badge color="red" size="sm" data-testid="order-conversation-unread">
              {t('inbox.unreadCount', { count: unread })}
            </Badge>
          ) : null}
        </Group>
        {thread.isLoading ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : thread.data ? (
          <MessageThread
            messages={thread.data.data}
            viewer="staff"
            customerName={order.customerName}
            onSend={(body, idempotencyKey) => send.mutateAsync({ body, idempotencyKey })}
            sending={send.isPending}
            error={send.error}
            testId="order-thread"
          />
        ) : (
          <ProblemAlert error={thread.error} />
        )}
      </Stack>
    </Card>
  );
}
