import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Message, MessageStatus } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { IconInbox } from '../../shared/icons';
import { CardListBody } from '../../shared/CardListBody';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useMessageList, useResendMessage, type MessageFilter } from './api';
import { messageReason } from './reason';

const STATUS_COLORS: Record<MessageStatus, string> = {
  queued: 'gray',
  held: 'yellow',
  sending: 'blue',
  sent: 'teal',
  delivered: 'green',
  failed: 'red',
  bounced: 'red',
  suppressed: 'gray',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="message-status" data-status={status}>
      {t(`messages.statuses.${status}`)}
    </Badge>
  );
}

const RESENDABLE: readonly MessageStatus[] = ['failed', 'bounced', 'queued'];

/** The address a message went to; a portal message goes to the customer's inbox, whose address is their id. */
export function recipient(t: TFunction, message: Pick<Message, 'channel' | 'to'>): string {
  return message.channel === 'portal' ? t('messages.portalInbox') : message.to;
}

/** One message: status, channel, subject, when, and the reason when it did not go out. */
export function MessageItem({ message, showCustomer = false }: { message: Message; showCustomer?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = usePermissions();
  const resend = useResendMessage();
  return (
    <Stack gap={4} data-testid="message-item" data-id={message.id} data-status={message.status}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <MessageStatusBadge status={message.status} />
          <Badge variant="outline" color="gray" size="sm">
            {t(`messages.channels.${message.channel}`)}
          </Badge>
          <Text fz="sm" fw={500} truncate="end" data-testid="message-subject">
            {message.subject ?? message.text.slice(0, 80)}
          </Text>
        </Group>
        <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(message.sentAt ?? message.createdAt, locale)}
        </Text>
      </Group>
      <Text fz="xs" c="dimmed">
        {recipient(t, message)}
        {message.templateKey ? ` · ${t(`messages.templateKeys.${message.templateKey}`, { defaultValue: message.templateKey })} v${message.templateVersion ?? 0}` : ''}
        {showCustomer ? ` · ${message.customerId}` : ''}
      </Text>
      <MessageReasonText message={message} />
      {can('messages.send') && RESENDABLE.includes(message.status) ? (
        <Group>
          <Button size="compact-xs" variant="light" loading={resend.isPending} onClick={() => resend.mutate(message.id)} data-testid="message-resend">
            {t('messages.resend')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** Why the message is where it is, in the reader's language, with any technical detail under it. */
export function MessageReasonText({ message }: { message: Message }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reason = messageReason(t, locale, message);
  if (!reason) return null;
  return (
    <Text fz="xs" c={message.status === 'failed' || message.status === 'bounced' ? 'red' : 'dimmed'} maw={520} data-testid="message-reason" data-code={message.reason?.code}>
      {reason.text}
      {reason.detail ? (
        <Text span fz="xs" c="dimmed" display="block" data-testid="message-reason-detail">
          {reason.detail}
        </Text>
      ) : null}
    </Text>
  );
}

/** The messages of an order or a customer, newest first, in a card. */
export function MessagesCard({ filter, testId }: { filter: MessageFilter; testId: string }) {
  const { t } = useTranslation();
  const list = useMessageList(filter, { limit: 20 });
  const failed = list.items.filter((m) => m.status === 'failed' || m.status === 'bounced').length;
  return (
    <Card withBorder radius="lg" padding="lg" data-testid={testId}>
      <Stack gap="md">
        <Group gap="xs">
          <IconInbox size={18} />
          <Title order={2} fz="lg">
            {t('messages.cardTitle')}
          </Title>
          {failed > 0 ? (
            <Badge color="red" size="sm" data-testid={`${testId}-failed`}>
              {t('messages.failedCount', { count: failed })}
            </Badge>
          ) : null}
        </Group>
        <CardListBody list={list} empty={list.items.length === 0} emptyText={t('messages.none')}>
          {list.items.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </CardListBody>
        {list.hasMore ? (
          <Button variant="subtle" size="xs" onClick={list.loadMore} loading={list.loadingMore}>
            {t('messages.loadMore')}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}
