import { Card, Center, Group, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconInbox } from '../../shared/icons';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { MessageThread } from './MessageThread';
import { useThread } from './useThread';

/** "Messages about this order" on the portal order page. */
export function OrderMessagesCard({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { thread, reply, send } = useThread(orderId);
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="portal-order-messages">
      <Stack gap="md">
        <Group gap="xs">
          <IconInbox size={18} />
          <Title order={2} fz="lg">
            {t('inbox.aboutThisOrder')}
          </Title>
        </Group>
        {thread.isLoading ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : thread.data ? (
          <MessageThread messages={thread.data.data} viewer="customer" onSend={send} sending={reply.isPending} error={reply.error} testId="portal-order-thread" />
        ) : (
          <ProblemAlert error={thread.error} />
        )}
      </Stack>
    </Card>
  );
}
