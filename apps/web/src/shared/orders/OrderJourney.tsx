import { Alert, Card, Group, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Order, OrderStatus } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';

/** The main road of an order; hold and cancellation are drawn on top of it. */
export const JOURNEY: readonly OrderStatus[] = ['placed', 'confirmed', 'in_production', 'quality_check', 'ready_to_ship', 'shipped', 'delivered', 'completed'];

/** Steps done for a status on the main road (partially shipped is on its way to shipped). */
function stepsDone(status: OrderStatus): number {
  if (status === 'partially_shipped') return JOURNEY.indexOf('shipped');
  if (status === 'completed') return JOURNEY.length;
  const i = JOURNEY.indexOf(status);
  return i < 0 ? 0 : i + 1;
}

/**
 * The journey as a stepper. `on_hold` shows where the order was held from (orange); a cancelled
 * order shows where it stopped (red), taken from the history when it is known.
 */
export function OrderJourney({ order, cancelledFrom }: { order: Pick<Order, 'status' | 'heldFrom'>; cancelledFrom: OrderStatus | null }) {
  const { t } = useTranslation();
  const vertical = useMediaQuery('(max-width: 75em)');
  const position = order.status === 'on_hold' ? (order.heldFrom ?? 'placed') : order.status === 'cancelled' ? (cancelledFrom ?? 'placed') : order.status;
  const done = stepsDone(position);
  const color = order.status === 'on_hold' ? 'orange' : order.status === 'cancelled' ? 'red' : undefined;
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="order-journey" data-status={order.status} data-done={done}>
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('orders.journey')}
        </Title>
        {order.status === 'on_hold' ? (
          <Alert color="orange" variant="light" data-testid="order-held-from" data-from={order.heldFrom ?? ''}>
            {t('orders.heldFrom', { status: t(`orders.statuses.${order.heldFrom ?? 'placed'}`) })}
          </Alert>
        ) : null}
        {order.status === 'cancelled' ? (
          <Alert color="red" variant="light" data-testid="order-cancelled-note">
            {t('orders.cancelledNote')}
          </Alert>
        ) : null}
        {vertical ? (
          <Stack gap={6} data-testid="journey-progress">
            <Progress value={(done / JOURNEY.length) * 100} color={color} size="lg" radius="xl" aria-label={t('orders.journey')} />
            <Group justify="space-between" gap="xs">
              <Text fz="sm" fw={600}>
                {t(`orders.statuses.${position}`)}
              </Text>
              <Text fz="sm" c="dimmed">
                {Math.max(done, 1)} / {JOURNEY.length}
              </Text>
            </Group>
            {done < JOURNEY.length && order.status !== 'cancelled' ? (
              <Text fz="xs" c="dimmed">
                {t('orders.nextStep', { status: t(`orders.statuses.${JOURNEY[done] ?? 'completed'}`) })}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Stepper
            active={done}
            size="xs"
            iconSize={26}
            color={color}
            allowNextStepsSelect={false}
            styles={{ stepLabel: { fontSize: 'var(--mantine-font-size-xs)' }, separator: { marginInline: 4 } }}
          >
            {JOURNEY.map((status, index) => (
              <Stepper.Step
                key={status}
                data-testid="journey-step"
                data-step={status}
                data-done={index < done}
                label={t(`orders.statuses.${status}`)}
                description={
                  status === 'shipped' && order.status === 'partially_shipped' ? (
                    <Text span fz="xs">
                      {t('orders.statuses.partially_shipped')}
                    </Text>
                  ) : undefined
                }
              />
            ))}
          </Stepper>
        )}
      </Stack>
    </Card>
  );
}
