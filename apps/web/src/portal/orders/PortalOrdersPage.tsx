import { Badge, Group, Select, Stack, Table } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ORDER_STATUSES, type OrderStatus, type PortalOrderSummary } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format';
import { AnchorLink } from '../../shared/links';
import { ListTable } from '../../shared/ListTable';
import { Money } from '../../shared/Money';
import { StatusBadge } from '../../shared/orders/OrderBadges';
import { PageHeader } from '../../shared/PageHeader';
import { useLocale } from '../../shared/useLocale';
import { usePortalOrders } from './api';

const route = getRouteApi('/portal/portal-signed-in/orders/');

/** The customer's orders; those waiting for their answer stand out. */
export function PortalOrdersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { status } = route.useSearch();
  const navigate = useNavigate();
  const list = usePortalOrders(status);
  const row = (o: PortalOrderSummary) => (
    <Table.Tr key={o.id} data-testid="portal-order-row" data-number={o.number} data-pending={o.changePending}>
      <Table.Td>
        <AnchorLink to="/portal/orders/$id" params={{ id: o.id }} fw={600} ff="monospace" data-testid="portal-order-link">
          {o.number}
        </AnchorLink>
        {o.changePending ? (
          <Badge ml="xs" size="sm" color="yellow" variant="filled" data-testid="portal-order-needs-answer">
            {t('portal.orders.needsAnswer')}
          </Badge>
        ) : null}
      </Table.Td>
      <Table.Td>{formatDate(o.createdAt, locale)}</Table.Td>
      <Table.Td>
        <StatusBadge status={o.status} />
      </Table.Td>
      <Table.Td>{formatDate(o.promisedDeliveryDate ?? o.requestedDeliveryDate, locale)}</Table.Td>
      <Table.Td ta="right" fw={500}>
        <Money minor={o.total} currency={o.currency} />
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="lg">
      <PageHeader title={t('portal.orders.title')} subtitle={t('portal.orders.subtitle')} />
      <Group>
        <Select
          aria-label={t('portal.orders.status')}
          placeholder={t('portal.orders.allStatuses')}
          clearable
          w={220}
          data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
          value={status ?? null}
          onChange={(value) => void navigate({ to: '/portal/orders', search: value ? { status: value as OrderStatus } : {} })}
          data-testid="portal-orders-status"
        />
      </Group>
      <ListTable
        list={list}
        testId="portal-orders"
        minWidth={640}
        empty={{ title: t('portal.orders.empty') }}
        head={
          <>
            <Table.Th>{t('portal.orders.number')}</Table.Th>
            <Table.Th>{t('portal.orders.placedOn')}</Table.Th>
            <Table.Th>{t('portal.orders.status')}</Table.Th>
            <Table.Th>{t('portal.orders.delivery')}</Table.Th>
            <Table.Th ta="right">{t('portal.orders.total')}</Table.Th>
          </>
        }
        row={row}
      />
    </Stack>
  );
}
