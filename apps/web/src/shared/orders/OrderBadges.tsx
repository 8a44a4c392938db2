import { Badge, type BadgeProps } from '@mantine/core';
import type { OrderPriority, OrderStatus } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';

export const STATUS_COLORS: Record<OrderStatus, string> = {
  placed: 'blue',
  confirmed: 'indigo',
  in_production: 'violet',
  quality_check: 'grape',
  ready_to_ship: 'cyan',
  partially_shipped: 'teal',
  shipped: 'teal',
  delivered: 'green',
  completed: 'gray',
  cancelled: 'red',
  on_hold: 'orange',
};

const PRIORITY_COLORS: Record<OrderPriority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

export function StatusBadge({ status, ...props }: { status: OrderStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} data-testid="order-status" data-status={status} style={{ flexShrink: 0 }} {...props}>
      {t(`orders.statuses.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority, ...props }: { priority: OrderPriority } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant={priority === 'urgent' ? 'filled' : priority === 'low' ? 'outline' : 'light'}
      color={PRIORITY_COLORS[priority]}
      data-testid="order-priority"
      data-priority={priority}
      style={{ flexShrink: 0 }}
      {...props}
    >
      {t(`orders.priorities.${priority}`)}
    </Badge>
  );
}
