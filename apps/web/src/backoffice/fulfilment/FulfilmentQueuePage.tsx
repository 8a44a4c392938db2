import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format';
import { AnchorLink } from '../../shared/links';
import { ListTable } from '../../shared/ListTable';
import { PageHeader } from '../../shared/PageHeader';
import { useLocale } from '../../shared/useLocale';
import { PriorityBadge, StatusBadge } from '../../shared/orders/OrderBadges';
import { useFulfilmentQueue } from '../orders/shipmentsApi';

/** The warehouse work queue: orders ready to ship, urgent first, then the earliest promised date. */
export function FulfilmentQueuePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useFulfilmentQueue();
  return (
    <Stack gap="lg">
      <PageHeader title={t('shipments.queue.title')} subtitle={t('shipments.queue.subtitle')} />
      <ListTable
        list={list}
        testId="fulfilment-queue"
        minWidth={760}
        empty={{ title: t('shipments.queue.empty'), description: t('shipments.queue.emptyHint') }}
        head={
          <>
            <Table.Th>{t('shipments.queue.order')}</Table.Th>
            <Table.Th>{t('shipments.queue.customer')}</Table.Th>
            <Table.Th>{t('shipments.queue.priority')}</Table.Th>
            <Table.Th>{t('shipments.queue.due')}</Table.Th>
            <Table.Th>{t('shipments.queue.status')}</Table.Th>
            <Table.Th ta="right">{t('shipments.queue.remaining')}</Table.Th>
          </>
        }
        row={(i) => (
          <Table.Tr key={i.orderId} data-testid="fulfilment-row" data-order={i.orderId}>
            <Table.Td>
              <AnchorLink to="/orders/$id" params={{ id: i.orderId }} fw={600}>
                {i.number}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{i.customerName}</Table.Td>
            <Table.Td>
              <PriorityBadge priority={i.priority} />
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                <Text fz="sm">{formatDate(i.dueDate, locale)}</Text>
                {i.overdue ? (
                  <Badge color="red" size="sm">
                    {t('shipments.queue.overdue')}
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                <StatusBadge status={i.status} />
                {i.awaitingPayment ? (
                  <Badge color="orange" variant="light" size="sm" data-testid="fulfilment-awaiting-payment">
                    {t('shipments.queue.awaitingPayment')}
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{t('shipments.queue.units', { units: i.unitsRemaining, count: i.linesRemaining })}</Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
