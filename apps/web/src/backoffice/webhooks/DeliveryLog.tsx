import { Badge, Button, Code, Stack, Table, Text } from '@mantine/core';
import type { WebhookDelivery, WebhookDeliveryStatus } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { ListTable } from '../../shared/ListTable';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { useDeliveries, useRedeliver } from './api';

const STATUS_COLOR: Record<WebhookDeliveryStatus, string> = { pending: 'yellow', succeeded: 'green', failed: 'red' };

function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (delivery.attempts.length === 0) return <Text fz="sm" c="dimmed">{t('webhooks.log.noAttempts')}</Text>;
  return (
    <Stack gap={4}>
      {delivery.attempts.map((a) => (
        <div key={a.number} data-testid="webhook-attempt" data-succeeded={String(a.succeeded)} data-http-status={a.httpStatus ?? ''}>
          <Text fz="sm">
            #{a.number} · {formatDateTime(a.at, locale)} · {a.httpStatus ?? '—'} · {t('webhooks.log.duration', { ms: a.durationMs })}
            {a.manual ? ` · ${t('webhooks.log.manual')}` : ''}
            {a.error ? ` · ${a.error}` : ''}
          </Text>
          {a.responseBody ? (
            <Code block fz="xs" style={{ maxHeight: 80, overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {a.responseBody.slice(0, 300)}
            </Code>
          ) : null}
        </div>
      ))}
    </Stack>
  );
}

/** Deliveries of one subscription, newest first, each with its attempts and a Redeliver button. */
export function DeliveryLog({ webhookId, canRedeliver }: { webhookId: string; canRedeliver: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useDeliveries(webhookId);
  const redeliver = useRedeliver(webhookId);
  return (
    <Stack gap="sm">
      <ProblemAlert error={redeliver.error} testId="webhook-redeliver-error" />
      <ListTable
        list={list}
        testId="webhook-deliveries"
        minWidth={880}
        empty={{ title: t('webhooks.log.empty'), description: t('webhooks.log.emptyHint') }}
        head={
          <>
            <Table.Th>{t('webhooks.log.event')}</Table.Th>
            <Table.Th>{t('webhooks.log.status')}</Table.Th>
            <Table.Th>{t('webhooks.log.attempts')}</Table.Th>
            <Table.Th />
          </>
        }
        row={(d) => (
          <Table.Tr key={d.id} data-testid="webhook-delivery" data-id={d.id} data-status={d.status} style={{ verticalAlign: 'top' }}>
            <Table.Td>
              <Text fw={500} fz="sm">
                {d.eventType}
              </Text>
              <Text fz="xs" c="dimmed">
                {formatDateTime(d.createdAt, locale)}
              </Text>
              <Text fz="xs" c="dimmed" ff="monospace">
                {d.eventId}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOR[d.status]} variant="light" data-testid="webhook-delivery-status">
                {t(`webhooks.log.statuses.${d.status}`)}
              </Badge>
              {d.nextAttemptAt ? (
                <Text fz="xs" c="dimmed">
                  {t('webhooks.log.next', { at: formatDateTime(d.nextAttemptAt, locale) })}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Attempts delivery={d} />
            </Table.Td>
            <Table.Td>
              {canRedeliver ? (
                <Button size="xs" variant="light" loading={redeliver.isPending && redeliver.variables === d.id} onClick={() => redeliver.mutate(d.id)} data-testid="webhook-redeliver">
                  {t('webhooks.log.redeliver')}
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
