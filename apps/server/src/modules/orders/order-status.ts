import { assertReachable, canMove, type TransitionTable } from '../../platform/state-machine.js';
import { err, ok, type Result } from '../../platform/result.js';
import { ORDER_STATUSES, type OrderStatus, type StaffRole } from '@ordercare/contracts';

/** The statuses are part of the API contract (packages/contracts); the moves between them live here. */
export { ORDER_STATUSES, type OrderStatus };

/**
 * The order journey: placement → confirmation (processing) → production → quality check → ready
 * to ship → (partially) shipped → delivered → completed. Every move a person may ask for is
 * here; `on_hold` is handled apart because it returns to the state it came from.
 */
export const ORDER_TRANSITIONS = {
  placed: ['confirmed', 'cancelled', 'on_hold'],
  confirmed: ['in_production', 'quality_check', 'ready_to_ship', 'partially_shipped', 'shipped', 'cancelled', 'on_hold'],
  in_production: ['quality_check', 'ready_to_ship', 'cancelled', 'on_hold'],
  quality_check: ['ready_to_ship', 'in_production', 'cancelled', 'on_hold'],
  ready_to_ship: ['partially_shipped', 'shipped', 'cancelled', 'on_hold'],
  partially_shipped: ['shipped', 'on_hold'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
  on_hold: [], // filled by decideTransition: back to the state it was held from, or cancelled
} as const satisfies TransitionTable<OrderStatus>;

/** Follow from shipments and their events; a person cannot set them. */
export const SYSTEM_ONLY: ReadonlySet<OrderStatus> = new Set(['partially_shipped', 'shipped', 'delivered']);

/** States from which an order may be put on hold or cancelled at all ("open" states). */
const OPEN: ReadonlySet<OrderStatus> = new Set(['placed', 'confirmed', 'in_production', 'quality_check', 'ready_to_ship', 'partially_shipped']);

export interface OrderFacts {
  status: OrderStatus;
  /** The state an `on_hold` order returns to. */
  heldFrom: OrderStatus | null;
  /** Any quantity shipped already: cancellation is refused from then on. */
  anythingShipped: boolean;
}

export type TransitionError =
  | { code: 'invalid_transition'; from: OrderStatus; to: OrderStatus; allowed: OrderStatus[] }
  | { code: 'system_only'; to: OrderStatus; allowed: OrderStatus[] };

export interface TransitionDecision {
  from: OrderStatus;
  to: OrderStatus;
  heldFrom: OrderStatus | null;
  /** Cancellation releases every reservation. */
  releaseStock: boolean;
}

/** The targets a person may choose now (what the back office shows as buttons). */
export function allowedTransitions(facts: OrderFacts, by: 'person' | 'system' = 'person'): OrderStatus[] {
  if (facts.status === 'on_hold') {
    // Releasing a hold returns to where the order was, even a state only shipments reach.
    const back: OrderStatus[] = facts.heldFrom ? [facts.heldFrom] : [];
    return facts.anythingShipped ? back : [...back, 'cancelled'];
  }
  let targets: OrderStatus[] = [...ORDER_TRANSITIONS[facts.status]];
  if (facts.anythingShipped) targets = targets.filter((t) => t !== 'cancelled');
  return by === 'person' ? targets.filter((t) => !SYSTEM_ONLY.has(t)) : targets;
}

/** Pure: may this order move to `to`, and what follows if it does. */
export function decideTransition(facts: OrderFacts, to: OrderStatus, by: 'person' | 'system' = 'person'): Result<TransitionDecision, TransitionError> {
  const allowed = allowedTransitions(facts, by);
  if (!allowed.includes(to)) {
    if (by === 'person' && SYSTEM_ONLY.has(to)) return err({ code: 'system_only', to, allowed });
    return err({ code: 'invalid_transition', from: facts.status, to, allowed });
  }
  const heldFrom = to === 'on_hold' ? facts.status : null;
  return ok({ from: facts.status, to, heldFrom, releaseStock: to === 'cancelled' });
}

export function isOpen(status: OrderStatus): boolean {
  return OPEN.has(status);
}

/** Desk roles: the people who talk to the customer. */
const OFFICE: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support'];
/** Floor roles: the people who make, check and pack the goods. */
const FLOOR: readonly StaffRole[] = ['admin', 'manager', 'warehouse'];

/**
 * Who may move an order to each target (the transitions endpoint admits admin, manager, sales,
 * support and warehouse; a role outside a target's list gets 403). The system-only states have no
 * roles: shipments move orders there. Releasing a hold is its own action (see `rolesFor`).
 */
export const TRANSITION_ROLES: Readonly<Record<OrderStatus, readonly StaffRole[]>> = {
  placed: [],
  confirmed: OFFICE,
  in_production: FLOOR,
  quality_check: FLOOR,
  ready_to_ship: FLOOR,
  partially_shipped: [],
  shipped: [],
  delivered: [],
  completed: OFFICE,
  cancelled: OFFICE,
  on_hold: [...OFFICE, 'warehouse'],
};

/** Whoever may put an order on hold may release it, whatever state it returns to. */
export const RELEASE_ROLES: readonly StaffRole[] = TRANSITION_ROLES.on_hold;

/** The roles that may move an order with these facts to `to`. */
export function rolesFor(facts: OrderFacts, to: OrderStatus): readonly StaffRole[] {
  if (facts.status === 'on_hold' && to === facts.heldFrom) return RELEASE_ROLES;
  return TRANSITION_ROLES[to];
}

/** The targets a person with `role` may choose now: the state machine's, narrowed by role. */
export function allowedTransitionsFor(facts: OrderFacts, role: StaffRole): OrderStatus[] {
  return allowedTransitions(facts).filter((to) => rolesFor(facts, to).includes(role));
}

// Every open state can be held, and the table must reach every state from `placed`.
for (const s of OPEN) if (!canMove(ORDER_TRANSITIONS, s, 'on_hold')) throw new Error(`order state ${s} cannot be put on hold`);
assertReachable('order', ORDER_TRANSITIONS, 'placed');
// Every target a person may choose has somebody allowed to choose it.
for (const from of ORDER_STATUSES) {
  for (const to of ORDER_TRANSITIONS[from]) {
    if (!SYSTEM_ONLY.has(to) && TRANSITION_ROLES[to].length === 0) throw new Error(`order state ${to} has no role that may choose it`);
  }
}
