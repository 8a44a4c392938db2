import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { Order, OrderStatus } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useTransitionOrder } from './api';

/** Targets that need a word of explanation. */
const REASON_REQUIRED: ReadonlySet<OrderStatus> = new Set(['cancelled', 'on_hold']);

export function actionLabel(t: TFunction, order: Order, to: OrderStatus): string {
  if (order.status === 'on_hold' && to === order.heldFrom) return t('orders.actions.release', { status: t(`orders.statuses.${to}`) });
  return t(`orders.actions.${to}`);
}

/** Confirms a move along the journey, with a reason (required for cancel and hold); sends `If-Match`. */
export function TransitionModal({ order, to, onClose, onStale }: { order: Order; to: OrderStatus | null; onClose: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const transition = useTransitionOrder(order.id);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (to === null) return;
    setReason('');
    setMissing(false);
    transition.reset();
  }, [to]); // a fresh modal for each action

  if (to === null) return <Modal opened={false} onClose={onClose} />;
  const required = REASON_REQUIRED.has(to);
  const action = actionLabel(t, order, to);
  const stale = problemOf(transition.error)?.status === 412;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (required && !reason.trim()) {
      setMissing(true);
      return;
    }
    transition.mutate(
      { version: order.version, to, reason: reason.trim() || undefined },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (problemOf(error)?.status === 412) onStale();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('orders.transition.title', { action, number: order.number })} centered data-testid="transition-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert
            error={transition.error}
            title={t('orders.transition.failed')}
            message={stale ? t('orders.transition.stale') : undefined}
            testId="transition-error"
          />
          <Text fz="sm">
            {t('orders.transition.body', { from: t(`orders.statuses.${order.status}`), to: t(`orders.statuses.${to}`) })}
          </Text>
          <Textarea
            label={required ? t('orders.transition.reason') : t('orders.transition.reasonOptional')}
            description={t('orders.transition.reasonHint')}
            required={required}
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            error={missing ? t('form.required') : undefined}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(false);
            }}
            data-testid="transition-reason"
            data-autofocus
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('orders.transition.back')}
            </Button>
            <Button type="submit" color={to === 'cancelled' ? 'red' : to === 'on_hold' ? 'orange' : undefined} loading={transition.isPending} data-testid="transition-submit">
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
