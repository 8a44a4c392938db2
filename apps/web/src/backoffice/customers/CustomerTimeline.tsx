import { Badge, Button, Card, Center, Code, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import type { TimelineEntry } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { IconHistory } from '../../shared/icons';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { useStaffUsers } from '../staffUsers';
import { useTimeline } from './api';
import { ContactSummary } from './LogContactModal';

/** Human labels of the event types we know; others are shown as the raw type. */
const EVENT_LABELS = {
  'customer.created': 'timeline.events.customerCreated',
  'customer.updated': 'timeline.events.customerUpdated',
  'customer.imported': 'timeline.events.customerImported',
  'order.placed': 'timeline.events.orderPlaced',
  'order.confirmed': 'timeline.events.orderConfirmed',
  'order.shipped': 'timeline.events.orderShipped',
  'order.cancelled': 'timeline.events.orderCancelled',
  'invoice.issued': 'timeline.events.invoiceIssued',
  'payment.received': 'timeline.events.paymentReceived',
  'message.sent': 'timeline.events.messageSent',
  'case.opened': 'timeline.events.caseOpened',
  'case.closed': 'timeline.events.caseClosed',
  'feedback.received': 'timeline.events.feedbackReceived',
  'contact.logged': 'timeline.events.contactLogged',
  'inbox.message_sent': 'timeline.events.inboxMessageSent',
  'inbox.reply_received': 'timeline.events.inboxReplyReceived',
} as const;

function isKnown(type: string): type is keyof typeof EVENT_LABELS {
  return Object.prototype.hasOwnProperty.call(EVENT_LABELS, type);
}

/** Names of the fields an update changed (`customer.updated` carries `changed: ["name", …]`). */
function changedFields(data: Record<string, unknown>): string[] {
  const { changed, changes } = data;
  if (Array.isArray(changed)) return changed.filter((f): f is string => typeof f === 'string');
  if (changes && typeof changes === 'object' && !Array.isArray(changes)) return Object.keys(changes);
  return [];
}

const ACTOR_TYPES = { api_key: 'timeline.actors.apiKey', system: 'timeline.actors.system', portal: 'timeline.actors.portal' } as const;

function Entry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const staff = useStaffUsers();
  const fields = changedFields(entry.data);
  const type = entry.actor?.type;
  const actor = !entry.actor
    ? null
    : type === 'user'
      ? staff.nameOf(entry.actor.id)
      : type && type in ACTOR_TYPES
        ? t(ACTOR_TYPES[type as keyof typeof ACTOR_TYPES])
        : type;
  const imported = entry.data.source === 'import';
  return (
    <Stack gap={4} data-testid="timeline-entry" data-type={entry.type}>
      <Group gap="xs" wrap="wrap">
        <Text fz="sm" c="dimmed">
          {formatDateTime(entry.occurredAt, locale)}
        </Text>
        {actor ? (
          <Text fz="sm" c="dimmed">
            · {t('timeline.by', { name: actor })}
          </Text>
        ) : null}
        {imported ? (
          <Badge size="xs" variant="light" color="gray">
            {t('timeline.viaImport')}
          </Badge>
        ) : null}
      </Group>
      {fields.length > 0 ? (
        <Group gap={4} wrap="wrap">
          <Text fz="sm">{t('timeline.changed')}</Text>
          {fields.map((field) => (
            <Badge key={field} size="xs" variant="default" tt="none">
              {field}
            </Badge>
          ))}
        </Group>
      ) : null}
      {entry.type === 'contact.logged' ? <ContactSummary data={entry.data} /> : null}
      {!isKnown(entry.type) ? <Code fz="xs">{entry.type}</Code> : null}
    </Stack>
  );
}

/** Everything that happened with the customer, newest first. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const list = useTimeline(customerId);
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="customer-timeline">
      <Stack gap="md">
        <Group gap="xs">
          <IconHistory size={18} />
          <Title order={2} fz="lg">
            {t('timeline.title')}
          </Title>
        </Group>
        {list.isLoading ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : list.error && list.items.length === 0 ? (
          <ProblemAlert error={list.error} testId="timeline-error" />
        ) : list.items.length === 0 ? (
          <Text c="dimmed" fz="sm" data-testid="timeline-empty">
            {t('timeline.empty')}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={0}>
            {list.items.map((entry) => (
              <Timeline.Item key={entry.id} title={isKnown(entry.type) ? t(EVENT_LABELS[entry.type]) : entry.type}>
                <Entry entry={entry} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {list.hasMore ? (
          <Button variant="subtle" size="xs" w="fit-content" onClick={list.loadMore} loading={list.loadingMore} data-testid="timeline-more">
            {t('list.loadMore')}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}
