import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Center, DataList, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Order, OrderStatus } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Field } from '../../shared/Field';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../shared/format';
import { IconFile } from '../../shared/icons';
import { AnchorLink, BackLink, ButtonLink } from '../../shared/links';
import { Money } from '../../shared/Money';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { editNotes, orderKeys, useOrder, useOrderEvents } from './api';
import { isEditable } from './OrderEditPage';
import { PriorityBadge, StatusBadge } from './OrderBadges';
import { OrderHistory } from './OrderHistory';
import { OrderJourney } from './OrderJourney';
import { actionLabel, TransitionModal } from './TransitionModal';

import { PendingChangeCard } from './PendingChangeCard';

const route = getRouteApi('/backoffice/orders/$id');

type T = TFunction;

export function paymentTermsText(t: T, terms: Order['paymentTerms']): string {
  if (terms.method === 'installments' && terms.installments) return `${t('orders.payment.installments')} · ${t('orders.payment.installmentsN', { count: terms.installments })}`;
  if (terms.method === 'net' && terms.netDays !== undefined) return t('orders.payment.netDays', { count: terms.netDays });
  return t(`orders.payment.${terms.method}`);
}

function AddressBlock({ address, testId }: { address: NonNullable<Order['billingAddress']>; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text fz="sm" fw={500}>
        {address.name}
      </Text>
      {address.company ? <Text fz="sm">{address.company}</Text> : null}
      <Text fz="sm">{address.line1}</Text>
      {address.line2 ? <Text fz="sm">{address.line2}</Text> : null}
      <Text fz="sm">{[address.postalCode, address.city, address.region].filter(Boolean).join(' ')}</Text>
      <Text fz="sm">{address.country}</Text>
      {address.phone ? (
        <Text fz="sm" c="dimmed">
          {address.phone}
        </Text>
      ) : null}
    </Stack>
  );
}

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

function LinesCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (minor: number) => <Money minor={minor} currency={order.currency} />;
  const totalRow = (label: string, value: React.ReactNode, testId: string, strong = false) => (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text fz="sm" fw={strong ? 700 : undefined} c={strong ? undefined : 'dimmed'}>
        {label}
      </Text>
      <Text fz={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Card withBorder radius="lg" padding={0} data-testid="order-lines-card">
      <Title order={2} fz="lg" p="lg" pb="sm">
        {t('orders.lines')}
      </Title>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" tabularNums data-testid="order-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.product')}</Table.Th>
              <Table.Th ta="right">{t('orders.quantity')}</Table.Th>
              <Table.Th ta="right">{t('orders.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('orders.tax')}</Table.Th>
              <Table.Th ta="right">{t('orders.lineTotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line) => (
              <Table.Tr key={line.id} data-testid="order-line" data-sku={line.sku}>
                <Table.Td maw={320}>
                  <Text ff="monospace" fz="sm" fw={600}>
                    {line.sku}
                  </Text>
                  <Text fz="xs" c="dimmed" lineClamp={2}>
                    {line.name}
                  </Text>
                  <Group gap={4} mt={4}>
                    {line.backordered > 0 ? (
                      <Badge size="xs" color="orange" variant="light" data-testid="line-backordered">
                        {t('orders.backordered', { count: line.backordered })}
                      </Badge>
                    ) : null}
                    {line.makeToOrder ? (
                      <Badge size="xs" color="grape" variant="light" data-testid="line-make-to-order">
                        {t('orders.makeToOrder')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" data-testid="line-quantity">
                  {formatNumber(line.quantity, locale)}
                </Table.Td>
                <Table.Td ta="right">{money(line.unitPrice)}</Table.Td>
                <Table.Td ta="right">
                  {money(line.tax)}
                  <Text fz="xs" c="dimmed">
                    {formatPercent(line.taxRate, locale)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" fw={500} data-testid="line-total">
                  {money(line.total)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" p="lg" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Stack gap={6} miw={240} data-testid="order-totals">
          {totalRow(t('orders.subtotal'), money(order.totals.subtotal), 'order-subtotal')}
          {order.totals.discount > 0 ? totalRow(t('orders.discount'), <>−{money(order.totals.discount)}</>, 'order-discount') : null}
          {totalRow(t('orders.tax'), money(order.totals.tax), 'order-tax')}
          {totalRow(t('orders.shipping'), money(order.totals.shipping), 'order-shipping')}
          {totalRow(t('orders.grandTotal'), money(order.totals.total), 'order-grand-total', true)}
          {order.balanceAdjustment !== 0 ? (
            <Group justify="space-between" gap="xl" wrap="nowrap" data-testid="order-balance" data-amount={order.balanceAdjustment}>
              <Text fz="sm" fw={600} c={order.balanceAdjustment > 0 ? 'orange.8' : 'teal.8'}>
                {order.balanceAdjustment > 0 ? t('orders.change.amountDue') : t('orders.change.refundDue')}
              </Text>
              <Text fz="sm" fw={700} c={order.balanceAdjustment > 0 ? 'orange.8' : 'teal.8'} data-testid="order-balance-amount">
                {money(Math.abs(order.balanceAdjustment))}
              </Text>
            </Group>
          ) : null}
          {order.balanceAdjustment !== 0 ? (
            <Text fz="xs" c="dimmed" maw={280}>
              {t('orders.change.balanceHint')}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
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
