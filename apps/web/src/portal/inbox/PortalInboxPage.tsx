import { Badge, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { InboxThread } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { AnchorLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { GENERAL, usePortalInbox } from './api';

function ThreadRow({ thread }: { thread: InboxThread }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const key = thread.orderId ?? GENERAL;
  return (
    <AnchorLink to="/portal/inbox/$thread" params={{ thread: key }} underline="never" c="inherit" data-testid="inbox-thread" data-thread={key} data-unread={thread.unread}>
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={thread.unread > 0 ? 700 : 600}>{thread.orderNumber ? t('inbox.aboutOrder', { number: thread.orderNumber }) : t('inbox.general')}</Text>
              {thread.unread > 0 ? (
                <Badge color="red" size="sm" circle data-testid="inbox-thread-unread">
                  {thread.unread}
                </Badge>
              ) : null}
            </Group>
            {thread.lastSubject ? <Text fz="sm" fw={500}>{thread.lastSubject}</Text> : null}
            <Text fz="sm" c="dimmed" lineClamp={2}>
              {thread.lastDirection === 'from_customer' ? `${t('inbox.you')}: ` : ''}
              {thread.lastExcerpt}
            </Text>
          </Stack>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(thread.lastMessageAt, locale)}
          </Text>
        </Group>
      </Card>
    </AnchorLink>
  );
}

/** The customer's conversations: one per order, and a general one. */
export function PortalInboxPage() {
  const { t } = useTranslation();
  const inbox = usePortalInbox();
  return (
    <Stack gap="lg">
      <PageHeader title={t('inbox.title')} subtitle={t('inbox.subtitle')} testId="inbox-title" />
      {inbox.isLoading ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : inbox.error ? (
        <ProblemAlert error={inbox.error} />
      ) : (
        <Stack gap="sm" data-testid="inbox-threads">
          {(inbox.data?.data ?? []).map((thread) => (
            <ThreadRow key={thread.orderId ?? GENERAL} thread={thread} />
          ))}
          {inbox.data?.data.some((th) => th.orderId === null) ? null : (
            <AnchorLink to="/portal/inbox/$thread" params={{ thread: GENERAL }} fz="sm" data-testid="inbox-new-general">
              {t('inbox.writeToUs')}
            </AnchorLink>
          )}
        </Stack>
      )}
    </Stack>
  );
}
