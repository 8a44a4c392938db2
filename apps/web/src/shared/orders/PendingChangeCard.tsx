import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { Order } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../format';
import { Money } from '../Money';
import { problemOf } from '../problem';
import { ProblemAlert } from '../ProblemAlert';
import { useLocale } from '../useLocale';

interface ProposedLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

const FIELD_LABELS = {
  shippingAddress: 'orders.shippingAddress',
  billingAddress: 'orders.billingAddress',
  requestedDeliveryDate: 'orders.requestedDate',
  promisedDeliveryDate: 'orders.promisedDate',
  priority: 'orders.priority',
  notes: 'orders.notes',
  specialRequirements: 'orders.specialRequirements',
} as const;

export type ChangeDecision = 'approve' | 'decline';

interface PendingChangeCardProps {
  order: Pick<Order, 'currency' | 'lines'>;
  change: NonNullable<Order['pendingChange']>;
  /** Staff record the customer's answer; the customer gives it (portal). Only the wording differs. */
  audience: 'staff' | 'customer';
  /** Absent: the card only shows the change (the viewer may not answer). */
  decide?: { run: (decision: ChangeDecision, note: string | undefined) => Promise<unknown>; pending: ChangeDecision | null } | undefined;
}

/** A priced edit waiting for the customer: before → after, the proposed lines, and the answer. */
export function PendingChangeCard({ order, change, audience, decide }: PendingChangeCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const k = audience === 'customer' ? 'orders.change.customer' : 'orders.change';
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const money = (minor: number) => <Money minor={minor} currency={order.currency} />;
  const difference = change.totalAfter - change.totalBefore;
  const linesDiff = change.diff.lines as { from: ProposedLine[]; to: ProposedLine[] } | undefined;
  const proposed = linesDiff?.to ?? order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice }));
  const before = new Map<string, number>();
  for (const l of linesDiff?.from ?? []) before.set(l.sku, (before.get(l.sku) ?? 0) + l.quantity);
  const names = new Map(order.lines.map((l) => [l.sku, l.name]));
  const others = Object.keys(change.diff).filter((k): k is keyof typeof FIELD_LABELS => k in FIELD_LABELS);
  const answer = async (decision: ChangeDecision) => {
    if (!decide) return;
    setError(null);
    try {
      await decide.run(decision, note.trim() || undefined);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-pending-change" style={{ borderColor: 'var(--mantine-color-yellow-5)', borderWidth: 2, background: 'var(--mantine-color-yellow-0)' }}>
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="lg">
            {t(`${k}.title`)}
          </Title>
          <Badge color="yellow" variant="filled">
            {t(`${k}.pending`)}
          </Badge>
        </Group>
        <Text fz="sm" c="dimmed">
          {t(`${k}.hint`, { date: formatDateTime(change.createdAt, locale) })}
        </Text>
        <Group gap="xl" wrap="wrap" data-testid="change-totals">
          <Stack gap={0}>
            <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('orders.change.totalBefore')}
            </Text>
            <Text fz="lg" fw={600} data-testid="change-total-before" td="line-through" c="dimmed">
              {money(change.totalBefore)}
            </Text>
          </Stack>
          <Text fz="xl" c="dimmed" aria-hidden>
            →
          </Text>
          <Stack gap={0}>
            <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('orders.change.totalAfter')}
            </Text>
            <Text fz="lg" fw={700} data-testid="change-total-after">
              {money(change.totalAfter)}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
              {difference >= 0 ? t(`${k}.amountDue`) : t(`${k}.refundDue`)}
            </Text>
            <Text fz="lg" fw={700} c={difference >= 0 ? 'orange.8' : 'teal.8'} data-testid="change-difference" data-amount={difference}>
              {difference >= 0 ? '+' : '−'}
              {money(Math.abs(difference))}
            </Text>
          </Stack>
        </Group>
        <Table.ScrollContainer minWidth={480} type="native">
          <Table verticalSpacing={6} tabularNums data-testid="change-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orders.product')}</Table.Th>
                <Table.Th ta="right">{t('orders.quantity')}</Table.Th>
                <Table.Th ta="right">{t('orders.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('orders.change.net')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposed.map((line, i) => {
                const was = linesDiff ? (before.get(line.sku) ?? 0) : line.quantity;
                return (
                  <Table.Tr key={`${line.sku}-${i}`} data-testid="change-line" data-sku={line.sku} data-quantity={line.quantity}>
                    <Table.Td>
                      <Text ff="monospace" fz="sm" fw={600}>
                        {line.sku}
                      </Text>
                      {names.get(line.sku) ? (
                        <Text fz="xs" c="dimmed">
                          {names.get(line.sku)}
                        </Text>
                      ) : (
                        <Badge size="xs" variant="light">
                          {t('orders.change.newLine')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {was !== line.quantity && was > 0 ? (
                        <Text span fz="sm" c="dimmed" td="line-through" mr={6}>
                          {formatNumber(was, locale)}
                        </Text>
                      ) : null}
                      <Text span fz="sm" fw={was !== line.quantity ? 700 : undefined}>
                        {formatNumber(line.quantity, locale)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{money(line.unitPrice)}</Table.Td>
                    <Table.Td ta="right">{money(line.unitPrice * line.quantity)}</Table.Td>
                  </Table.Tr>
                );
              })}
              {(linesDiff?.from ?? [])
                .filter((l) => !proposed.some((p) => p.sku === l.sku))
                .map((l) => (
                  <Table.Tr key={`removed-${l.sku}`} data-testid="change-line-removed" data-sku={l.sku}>
                    <Table.Td>
                      <Text ff="monospace" fz="sm" td="line-through" c="dimmed">
                        {l.sku}
                      </Text>
                      <Badge size="xs" color="red" variant="light">
                        {t('orders.change.removed')}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" c="dimmed" td="line-through">
                      {formatNumber(l.quantity, locale)}
                    </Table.Td>
                    <Table.Td />
                    <Table.Td />
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {others.length > 0 ? (
          <Text fz="sm" data-testid="change-other-fields">
            {t('orders.change.alsoChanges', { fields: new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(others.map((f) => t(FIELD_LABELS[f]))) })}
          </Text>
        ) : null}
        {error ? (
          <ProblemAlert
            error={error}
            title={t(`${k}.failed`)}
            message={problemOf(error)?.code === 'insufficient_stock' ? t(`${k}.insufficient`) : undefined}
            testId="change-error"
          />
        ) : null}
        {decide ? (
          <>
            <Textarea label={t(`${k}.note`)} placeholder={t(`${k}.notePlaceholder`)} autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="change-note" />
            <Group gap="xs">
              <Button color="teal" loading={decide.pending === 'approve'} disabled={decide.pending !== null} onClick={() => void answer('approve')} data-testid="change-approve">
                {t(`${k}.approve`)}
              </Button>
              <Button variant="light" color="red" loading={decide.pending === 'decline'} disabled={decide.pending !== null} onClick={() => void answer('decline')} data-testid="change-decline">
                {t(`${k}.decline`)}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
