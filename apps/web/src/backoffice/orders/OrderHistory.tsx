import { Button, Card, Center, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import type { OrderEvent } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { IconHistory } from '../../shared/icons';
import type { CursorList } from '../../shared/useCursorList';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { useStaffUsers } from '../staffUsers';
import { STATUS_COLORS } from '../../shared/orders/OrderBadges';

function Entry({ event }: { event: OrderEvent }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const staff = useStaffUsers();
  const who =
    event.actor.type === 'user'
      ? (event.actor.name ?? staff.nameOf(event.actor.id))
      : event.actor.type === 'api_key'
        ? (event.actor.name ?? t('orders.apiKey'))
        : event.actor.type === 'system'
          ? t('orders.system')
          : (event.actor.name ?? event.actor.type);
  return (
    <Stack gap={2} data-testid="order-event" data-type={event.type} data-from={event.from ?? ''} data-to={event.to ?? ''}>
      <Group gap="xs" wrap="wrap">
        <Text fz="xs" c="dimmed">
          {formatDateTime(event.at, locale)}
        </Text>
        {who ? (
          <Text fz="xs" c="dimmed" data-testid="order-event-actor">
            · {t('orders.by', { name: who })}
          </Text>
        ) : null}
      </Group>
      {event.reason ? (
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="order-event-reason">
          “{event.reason}”
        </Text>
      ) : null}
    </Stack>
  );
}

/** The order's history, oldest first: who, when, from → to, reason. */
export function OrderHistory({ list }: { list: CursorList<OrderEvent> }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-history">
      <Stack gap="md">
        <Group gap="xs">
          <IconHistory size={18} />
          <Title order={2} fz="lg">
            {t('orders.history')}
          </Title>
        </Group>
        {list.isLoading ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : list.error && list.items.length === 0 ? (
          <ProblemAlert error={list.error} testId="order-history-error" />
        ) : list.items.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {t('orders.historyEmpty')}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={list.items.length - 1}>
            {list.items.map((event) => (
              <Timeline.Item
                key={event.id}
                color={event.to ? STATUS_COLORS[event.to] : undefined}
                title={
                  event.type === 'status_changed' && event.from && event.to
                    ? `${t(`orders.statuses.${event.from}`)} → ${t(`orders.statuses.${event.to}`)}`
                    : t(`orders.events.${event.type === 'status_changed' ? 'placed' : event.type}`)
                }
              >
                <Entry event={event} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {list.hasMore ? (
          <Button variant="subtle" size="xs" w="fit-content" onClick={list.loadMore} loading={list.loadingMore}>
            {t('list.loadMore')}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}
