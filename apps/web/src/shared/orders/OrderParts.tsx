import type { ReactNode } from 'react';
import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Order } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../format';
import { Money } from '../Money';
import { useLocale } from '../useLocale';

/** Pieces of an order's page that the back office and the portal show alike. */

export function paymentTermsText(t: TFunction, terms: Order['paymentTerms']): string {
  if (terms.method === 'installments' && terms.installments) return `${t('orders.payment.installments')} · ${t('orders.payment.installmentsN', { count: terms.installments })}`;
  if (terms.method === 'net' && terms.netDays !== undefined) return t('orders.payment.netDays', { count: terms.netDays });
  return t(`orders.payment.${terms.method}`);
}

export function AddressBlock({ address, testId }: { address: NonNullable<Order['billingAddress']>; testId?: string }) {
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

/** One line of a totals block: label on the left, amount on the right; `strong` for the total. */
export function TotalRow({ label, value, testId, strong = false }: { label: string; value: ReactNode; testId: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text fz="sm" fw={strong ? 700 : undefined} c={strong ? undefined : 'dimmed'}>
        {label}
      </Text>
      <Text fz={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

export function LinesCard({ order }: { order: Pick<Order, 'currency' | 'lines' | 'totals' | 'balanceAdjustment'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (minor: number) => <Money minor={minor} currency={order.currency} />;
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
                <Table.Td ta="right">
                  <Text span fz="sm" data-testid="line-quantity">
                    {formatNumber(line.quantity, locale)}
                  </Text>
                  {line.shipped > 0 ? (
                    <Text fz="xs" c={line.shipped >= line.quantity ? 'teal.8' : 'dimmed'} data-testid="line-shipped" data-shipped={line.shipped}>
                      {t('orders.shippedOf', { count: line.shipped })}
                    </Text>
                  ) : null}
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
          <TotalRow label={t('orders.subtotal')} value={money(order.totals.subtotal)} testId="order-subtotal" />
          {order.totals.discount > 0 ? <TotalRow label={t('orders.discount')} value={<>−{money(order.totals.discount)}</>} testId="order-discount" /> : null}
          <TotalRow label={t('orders.tax')} value={money(order.totals.tax)} testId="order-tax" />
          <TotalRow label={t('orders.shipping')} value={money(order.totals.shipping)} testId="order-shipping" />
          <TotalRow label={t('orders.grandTotal')} value={money(order.totals.total)} testId="order-grand-total" strong />
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
