import { useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { InstallmentState, Order, OrderPayments as Position } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../shared/format';
import { Money } from '../../shared/Money';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { RecordPaymentModal, RefundModal } from './PaymentModals';
import { useOrderPayments } from './paymentsApi';

export const PAYMENT_STATUS_COLORS: Record<Order['paymentStatus'], string> = { unpaid: 'gray', partially_paid: 'yellow', paid: 'teal', partially_refunded: 'orange', refunded: 'grape' };
const STATE_COLORS: Record<InstallmentState, string> = { due: 'blue', paid: 'teal', overdue: 'red' };

function Amount({ label, minor, currency, testId, strong }: { label: string; minor: number; currency: string; testId: string; strong?: boolean }) {
  return (
    <Stack gap={2}>
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz={strong ? 'lg' : 'md'} fw={strong ? 700 : 500} data-testid={testId} data-minor={minor}>
        <Money minor={minor} currency={currency} />
      </Text>
    </Stack>
  );
}

function Schedule({ position, currency }: { position: Position; currency: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!position.installments) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} fz="sm">
        {t('payments.schedule')}
      </Text>
      <Table data-testid="payment-schedule" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('payments.dueDate')}</Table.Th>
            <Table.Th ta="right">{t('payments.amountColumn')}</Table.Th>
            <Table.Th ta="right">{t('payments.paidColumn')}</Table.Th>
            <Table.Th>{t('payments.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {position.installments.map((i) => (
            <Table.Tr key={i.number} data-testid={`installment-${i.number}`} data-state={i.state}>
              <Table.Td>{i.number}</Table.Td>
              <Table.Td>{formatDate(i.dueDate, locale)}</Table.Td>
              <Table.Td ta="right">
                <Money minor={i.amount} currency={currency} />
              </Table.Td>
              <Table.Td ta="right">
                <Money minor={i.paid} currency={currency} />
              </Table.Td>
              <Table.Td>
                <Badge color={STATE_COLORS[i.state]} variant="light">
                  {t(`payments.states.${i.state}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The Payments card of the order page: amounts, status, schedule, the payments and refunds, and the actions. */
export function OrderPayments({ order }: { order: Order }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = usePermissions();
  const payments = useOrderPayments(order.id);
  const [open, setOpen] = useState<'payment' | 'refund' | null>(null);
  const position = payments.data;
  const s = position?.summary;

  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-payments">
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={2} fz="lg">
              {t('payments.title')}
            </Title>
            {s ? (
              <Badge color={PAYMENT_STATUS_COLORS[s.paymentStatus]} variant="light" data-testid="payment-status" data-status={s.paymentStatus}>
                {t(`orders.paymentStatuses.${s.paymentStatus}`)}
              </Badge>
            ) : null}
            {position?.overdue ? (
              <Badge color="red" data-testid="payment-overdue">
                {t('payments.overdue')}
              </Badge>
            ) : null}
          </Group>
          {s && can('payments.record') ? (
            <Group gap="xs">
              <Button size="xs" onClick={() => setOpen('payment')} disabled={s.balanceDue === 0} data-testid="payment-record">
                {t('payments.record.button')}
              </Button>
              <Button size="xs" variant="light" color="orange" onClick={() => setOpen('refund')} disabled={s.refundable === 0} data-testid="payment-refund">
                {t('payments.refund.button')}
              </Button>
            </Group>
          ) : null}
        </Group>
        <ProblemAlert error={payments.error} />
        {s ? (
          <>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Amount label={t('payments.total')} minor={s.total} currency={s.currency} testId="payment-total" />
              <Amount label={t('payments.paid')} minor={s.amountPaid} currency={s.currency} testId="payment-paid" />
              <Amount label={t('payments.refunded')} minor={s.amountRefunded} currency={s.currency} testId="payment-refunded" />
              <Amount label={t('payments.balanceDue')} minor={s.balanceDue} currency={s.currency} testId="payment-balance" strong />
            </SimpleGrid>
            {position.dueDate ? (
              <Text fz="sm" data-testid="payment-due-date">
                {t('payments.netDue', { date: formatDate(position.dueDate, locale) })}
              </Text>
            ) : null}
            <Schedule position={position} currency={s.currency} />
            {position.data.length === 0 ? (
              <Text fz="sm" c="dimmed" data-testid="payment-empty">
                {t('payments.empty')}
              </Text>
            ) : (
              <Table data-testid="payment-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('payments.when')}</Table.Th>
                    <Table.Th>{t('payments.kind')}</Table.Th>
                    <Table.Th>{t('payments.method')}</Table.Th>
                    <Table.Th>{t('payments.details')}</Table.Th>
                    <Table.Th ta="right">{t('payments.amountColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {position.data.map((p) => (
                    <Table.Tr key={p.id} data-testid="payment-row" data-kind={p.kind}>
                      <Table.Td>{formatDateTime(p.createdAt, locale)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={p.kind === 'refund' ? 'orange' : 'teal'}>
                          {t(`payments.kinds.${p.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{t(`payments.methods.${p.method}`)}</Table.Td>
                      <Table.Td>{p.kind === 'refund' ? p.reason : p.reference}</Table.Td>
                      <Table.Td ta="right">
                        <Money minor={p.kind === 'refund' ? -p.amount : p.amount} currency={p.currency} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        ) : null}
      </Stack>
      {open === 'payment' && s ? <RecordPaymentModal order={order} balanceDue={s.balanceDue} onClose={() => setOpen(null)} /> : null}
      {open === 'refund' && s ? <RefundModal order={order} refundable={s.refundable} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}
