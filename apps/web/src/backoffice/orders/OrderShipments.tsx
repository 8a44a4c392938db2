import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import type { Order, Shipment, ShipmentStatus } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../shared/format';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useWarehouses } from '../inventory/api';
import { CreateShipmentModal } from './CreateShipmentModal';
import { ShipmentEventModal } from './ShipmentEventModal';
import { useOrderShipments } from './shipmentsApi';

export const SHIPMENT_STATUS_COLORS: Record<ShipmentStatus, string> = { created: 'gray', in_transit: 'blue', out_for_delivery: 'cyan', exception: 'red', delivered: 'teal' };
const SHIPPABLE: Order['status'][] = ['confirmed', 'ready_to_ship', 'partially_shipped'];

function ShipmentCard({ shipment, warehouse, canShip, onAction }: { shipment: Shipment; warehouse: string | null; canShip: boolean; onAction: (mode: 'event' | 'deliver') => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const s = shipment;
  return (
    <Card withBorder radius="md" padding="md" data-testid="shipment" data-status={s.status} data-id={s.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{s.carrierName}</Text>
              {s.service ? <Text c="dimmed" fz="sm">{s.service}</Text> : null}
              <Badge color={SHIPMENT_STATUS_COLORS[s.status]} variant="light" data-testid="shipment-status">
                {t(`shipments.statuses.${s.status}`)}
              </Badge>
            </Group>
            <Text fz="sm">
              {t('shipments.trackingNumber')}:{' '}
              {s.trackingNumber ? (
                s.trackingUrl ? (
                  <Anchor href={s.trackingUrl} target="_blank" rel="noopener noreferrer" data-testid="shipment-tracking-link">
                    {s.trackingNumber}
                  </Anchor>
                ) : (
                  s.trackingNumber
                )
              ) : (
                '—'
              )}
            </Text>
            <Text fz="sm" c="dimmed">
              {t('shipments.summary', { warehouse: warehouse ?? '—', packages: s.packages, date: formatDateTime(s.createdAt, locale) })}
            </Text>
            {s.estimatedDeliveryDate ? <Text fz="sm">{t('shipments.estimatedDeliveryOn', { date: formatDate(s.estimatedDeliveryDate, locale) })}</Text> : null}
            {s.deliveredAt ? (
              <Text fz="sm" data-testid="shipment-delivered">
                {t('shipments.deliveredBy', { name: s.signedBy ?? '', date: formatDateTime(s.deliveredAt, locale) })}
              </Text>
            ) : null}
            {s.paymentOverride ? <Text fz="xs" c="orange">{t('shipments.overrideNote', { reason: s.paymentOverride })}</Text> : null}
            <Text fz="sm" data-testid="shipment-lines-summary">
              {s.lines.map((l) => `${l.sku} × ${l.quantity}`).join(', ')}
            </Text>
          </Stack>
          {canShip && s.status !== 'delivered' ? (
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => onAction('event')} data-testid="shipment-add-event">
                {t('shipments.event.button')}
              </Button>
              <Button size="xs" color="teal" onClick={() => onAction('deliver')} data-testid="shipment-deliver">
                {t('shipments.deliver.button')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {s.events.length ? (
          <Timeline bulletSize={12} lineWidth={2} data-testid="shipment-events">
            {s.events.map((e) => (
              <Timeline.Item key={e.id} title={t(`shipments.statuses.${e.type}`)} data-testid="shipment-event" data-type={e.type}>
                <Text fz="xs" c="dimmed">
                  {formatDateTime(e.at, locale)}
                  {e.location ? ` · ${e.location}` : ''}
                </Text>
                {e.signedBy ? <Text fz="sm">{t('shipments.signedByName', { name: e.signedBy })}</Text> : null}
                {e.note ? <Text fz="sm">{e.note}</Text> : null}
              </Timeline.Item>
            ))}
          </Timeline>
        ) : (
          <Text fz="sm" c="dimmed">
            {t('shipments.noEvents')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The Shipments card of the order page: every shipment with tracking and events, and the actions. */
export function OrderShipments({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const shipments = useOrderShipments(order.id);
  const warehouses = useWarehouses();
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<{ shipment: Shipment; mode: 'event' | 'deliver' } | null>(null);
  const canShip = can('shipments.write');
  const remaining = order.lines.some((l) => l.quantity > l.shipped);
  const codeOf = (id: string | null) => (id ? (warehouses.data?.find((w) => w.id === id)?.code ?? id) : null);
  const list = shipments.data?.data ?? [];

  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-shipments">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} fz="lg">
            {t('shipments.title')}
          </Title>
          {canShip && remaining && SHIPPABLE.includes(order.status) ? (
            <Button size="xs" onClick={() => setCreating(true)} data-testid="shipment-create">
              {t('shipments.create.button')}
            </Button>
          ) : null}
        </Group>
        <ProblemAlert error={shipments.error} />
        {list.length === 0 && !shipments.isPending ? (
          <Text fz="sm" c="dimmed" data-testid="shipments-empty">
            {t('shipments.empty')}
          </Text>
        ) : null}
        {list.map((s) => (
          <ShipmentCard key={s.id} shipment={s} warehouse={codeOf(s.warehouseId)} canShip={canShip} onAction={(mode) => setAction({ shipment: s, mode })} />
        ))}
      </Stack>
      {creating ? <CreateShipmentModal order={order} onClose={() => setCreating(false)} /> : null}
      {action ? <ShipmentEventModal order={order} shipment={action.shipment} mode={action.mode} onClose={() => setAction(null)} /> : null}
    </Card>
  );
}
