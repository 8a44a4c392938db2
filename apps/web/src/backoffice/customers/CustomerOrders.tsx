import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format';
import { IconClipboardList } from '../../shared/icons';
import { AnchorLink } from '../../shared/links';
import { Money } from '../../shared/Money';
import { StatusBadge } from '../../shared/orders/OrderBadges';
import { CardListBody } from '../../shared/CardListBody';
import { useLocale } from '../../shared/useLocale';
import { useOrderList } from '../orders/api';

/** How many of the customer's latest orders the card shows; the rest are a click away. */
const SHOWN = 5;

/** The customer's latest orders on the customer page, with a link to all of them in the order list. */
export function CustomerOrders({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useOrderList({ customerId });
  const shown = list.items.slice(0, SHOWN);
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="customer-orders">
      <Stack gap="md">
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <IconClipboardList size={18} />
            <Title order={2} fz="lg">
              {t('customers.orders.title')}
            </Title>
          </Group>
          {list.items.length > 0 ? (
            <AnchorLink to="/orders" search={{ customerId }} fz="sm" data-testid="customer-orders-all">
              {t('customers.orders.all')}
            </AnchorLink>
          ) : null}
        </Group>
        <CardListBody list={list} empty={shown.length === 0} emptyText={t('customers.orders.none')}>
          <Stack gap={0}>
            {shown.map((order, i) => (
              <Group
                key={order.id}
                justify="space-between"
                wrap="nowrap"
                py={8}
                style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
                data-testid="customer-order"
                data-id={order.id}
              >
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <AnchorLink to="/orders/$id" params={{ id: order.id }} ff="monospace" fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {order.number}
                  </AnchorLink>
                  <StatusBadge status={order.status} />
                </Group>
                <Stack gap={0} align="flex-end">
                  <Text fz="sm" fw={500}>
                    <Money minor={order.total} currency={order.currency} />
                  </Text>
                  <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(order.createdAt, locale)}
                  </Text>
                </Stack>
              </Group>
            ))}
          </Stack>
        </CardListBody>
      </Stack>
    </Card>
  );
}
