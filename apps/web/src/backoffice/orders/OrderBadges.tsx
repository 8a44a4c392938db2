/** Moved to shared/orders (the portal shows them too). */
export { PriorityBadge, StatusBadge, STATUS_COLORS } from '../../shared/orders/OrderBadges';
