import type { Order } from '@ordercare/contracts';
import { PendingChangeCard as ChangeCard } from '../../shared/orders/PendingChangeCard';
import { useDecideChange } from './api';

/** The pending change on the back-office order page: staff record the customer's answer. */
export function PendingChangeCard({ order, change, canDecide }: { order: Order; change: NonNullable<Order['pendingChange']>; canDecide: boolean }) {
  const decide = useDecideChange(order.id);
  const pending = decide.isPending ? (decide.variables?.body.decision ?? null) : null;
  const run = (decision: 'approve' | 'decline', note: string | undefined) => decide.mutateAsync({ changeId: change.id, body: { decision, ...(note ? { note } : {}) } });
  return <ChangeCard order={order} change={change} audience="staff" decide={canDecide ? { run, pending } : undefined} />;
}
