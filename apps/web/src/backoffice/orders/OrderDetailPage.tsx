import { useEffect, useState } from 'react';
import { Alert, Button, Card, Center, DataList, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Order, OrderStatus } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../shared/Field';
import { formatDate, formatDateTime } from '../../shared/format';
import { IconFile } from '../../shared/icons';
import { AnchorLink, BackLink, ButtonLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { editNotes, orderKeys, useOrder, useOrderEvents } from './api';
import { isEditable } from './OrderEditPage';
import { PriorityBadge, StatusBadge } from '../../shared/orders/OrderBadges';
import { OrderHistory } from './OrderHistory';
import { OrderJourney } from '../../shared/orders/OrderJourney';
import { actionLabel, TransitionModal } from './TransitionModal';

import { PendingChangeCard } from './PendingChangeCard';
import { OrderPayments } from './OrderPayments';
import { OrderShipments } from './OrderShipments';
import { OrderConversation } from './OrderConversation';
import { OrderMessages } from './OrderMessages';
import { AddressBlock, LinesCard, paymentTermsText } from '../../shared/orders/OrderParts';

const route = getRouteApi('/backoffice/orders/$id');

function Actions({ order, onPick }: { order: Order; onPick: (to: OrderStatus) => void }) {
  const { t } = useTranslation();
  if (order.allowedTransitions.length === 0) return null;
  // Forward moves first, then hold, then cancel.
  const rank = (to: OrderStatus) => (to === 'cancelled' ? 2 : to === 'on_hold' ? 1 : 0);
  const targets = [...order.allowedTransitions].sort((a, b) => rank(a) - rank(b));
  return (
    <>
      {targets.map((to) => {
        const release = order.status === 'on_hold' && to === order.heldFrom;
        return (
          <Button
            key={to}
            data-testid={release ? 'order-action-release' : `order-action-${to}`}
            data-to={to}
            variant={to === 'cancelled' ? 'light' : to === 'on_hold' ? 'light' : 'filled'}
            color={to === 'cancelled' ? 'red' : to === 'on_hold' ? 'orange' : undefined}
            onClick={() => onPick(to)}
          >
            {actionLabel(t, order, to)}
          </Button>
        );
      })}
    </>
  );
}

const DOCUMENTS = [
  { kind: 'confirmation', label: 'orders.docs.confirmation', action: 'orders.documents.priced' },
  { kind: 'invoice', label: 'orders.docs.invoice', action: 'orders.documents.priced' },
  { kind: 'packing-slip', label: 'orders.docs.packingSlip', action: 'orders.documents.packingSlip' },
] as const;

/** PDF documents of the order (opened in a new tab; the server picks the customer's language). */
function DocumentsCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const docs = DOCUMENTS.filter((d) => can(d.action));
  if (docs.length === 0) return null;
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-documents">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('orders.documents')}
        </Title>
        <Group gap="xs">
          {docs.map((d) => (
            <Button
              key={d.kind}
              component="a"
              href={`/api/v1/orders/${encodeURIComponent(order.id)}/documents/${d.kind}.pdf`}
              target="_blank"
              rel="noopener"
              variant="default"
              size="xs"
              leftSection={<IconFile size={14} />}
              data-testid={`order-doc-${d.kind}`}
            >
              {t(d.label)}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

export function OrderDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = route.useParams();
  const order = useOrder(id);
  const events = useOrderEvents(id);
  const [action, setAction] = useState<OrderStatus | null>(null);
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const [note, setNote] = useState(() => editNotes.get(id) ?? null);
  useEffect(() => {
    editNotes.delete(id);
  }, [id]);

  if (order.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!order.data) {
    return (
      <Stack maw={960}>
        <PageHeader title={t('orders.title')} back={<BackLink to="/orders">{t('orders.title')}</BackLink>} />
        <ProblemAlert error={order.error} />
      </Stack>
    );
  }
  const o = order.data;
  const cancelledFrom = o.status === 'cancelled' ? ([...events.items].reverse().find((e) => e.to === 'cancelled')?.from ?? null) : null;
  const reload = () => {
    void order.refetch();
    void queryClient.invalidateQueries({ queryKey: orderKeys.events(id) });
  };

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={o.number}
        testId="order-title"
        subtitle={
          <Group gap="xs" component="span">
            <StatusBadge status={o.status} size="lg" />
            <PriorityBadge priority={o.priority} size="lg" />
            <Text span fz="sm" c="dimmed">
              {o.customerName} · {formatDateTime(o.createdAt, locale)}
            </Text>
          </Group>
        }
        back={<BackLink to="/orders">{t('orders.title')}</BackLink>}
        actions={
          <>
            {can('orders.edit') && isEditable(o) ? (
              <ButtonLink to="/orders/$id/edit" params={{ id: o.id }} variant="default" data-testid="order-edit">
                {t('orders.edit.button')}
              </ButtonLink>
            ) : null}
            <Actions order={o} onPick={setAction} />
          </>
        }
      />
      {note && !(note === 'pending' && !o.pendingChange) ? (
        <Alert color={note === 'pending' ? 'yellow' : 'teal'} variant="light" withCloseButton onClose={() => setNote(null)} data-testid="order-edit-note" data-note={note}>
          {note === 'pending' ? t('orders.edit.sentForApproval') : t('orders.edit.saved')}
        </Alert>
      ) : null}
      {o.pendingChange ? <PendingChangeCard order={o} change={o.pendingChange} canDecide={can('orders.edit')} /> : null}
      <OrderJourney order={o} cancelledFrom={cancelledFrom} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <LinesCard order={o} />
            <OrderPayments order={o} />
            <OrderShipments order={o} />
            <OrderConversation order={o} />
            <OrderMessages order={o} />
            <Card withBorder radius="lg" padding="lg" data-testid="order-details">
              <Stack gap="md">
                <Title order={2} fz="lg">
                  {t('orders.details')}
                </Title>
                <DataList labelWidth={170} withDivider>
                  <Field label={t('orders.requestedDate')} testId="order-requested-date">
                    {formatDate(o.requestedDeliveryDate, locale)}
                  </Field>
                  <Field label={t('orders.promisedDate')}>{o.promisedDeliveryDate ? formatDate(o.promisedDeliveryDate, locale) : null}</Field>
                  <Field label={t('orders.paymentTerms')} testId="order-payment-terms">
                    {paymentTermsText(t, o.paymentTerms)}
                  </Field>
                  <Field label={t('orders.paymentStatus')}>{t(`orders.paymentStatuses.${o.paymentStatus}`)}</Field>
                  <Field label={t('orders.channel')}>{t(`orders.channels.${o.channel}`)}</Field>
                  <Field label={t('orders.notes')} testId="order-detail-notes">
                    {o.notes ? <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{o.notes}</Text> : null}
                  </Field>
                  <Field label={t('orders.specialRequirements')} testId="order-detail-special">
                    {o.specialRequirements ? <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{o.specialRequirements}</Text> : null}
                  </Field>
                </DataList>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Card withBorder radius="lg" padding="lg" data-testid="order-customer">
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  {t('orders.customer')}
                </Title>
                <AnchorLink to="/customers/$id" params={{ id: o.customerId }} fw={600} data-testid="order-customer-link">
                  {o.customerName}
                </AnchorLink>
                <Text fz="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
                  {t('orders.shippingAddress')}
                </Text>
                <AddressBlock address={o.shippingAddress} testId="order-shipping-address" />
                <Text fz="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
                  {t('orders.billingAddress')}
                </Text>
                {o.billingAddress ? (
                  <AddressBlock address={o.billingAddress} />
                ) : (
                  <Text fz="sm" c="dimmed">
                    {t('orders.sameAsShipping')}
                  </Text>
                )}
              </Stack>
            </Card>
            <DocumentsCard order={o} />
            <OrderHistory list={events} />
          </Stack>
        </Grid.Col>
      </Grid>
      <TransitionModal order={o} to={action} onClose={() => setAction(null)} onStale={reload} />
    </Stack>
  );
}
