import { describe, expect, it } from 'vitest';
import { unreachableStates } from '../../../platform/state-machine.js';
import { allowedTransitions, decideTransition, ORDER_STATUSES, ORDER_TRANSITIONS, SYSTEM_ONLY, type OrderStatus } from '../order-status.js';

const facts = (status: OrderStatus, extra: Partial<{ heldFrom: OrderStatus | null; anythingShipped: boolean }> = {}) => ({
  status,
  heldFrom: extra.heldFrom ?? null,
  anythingShipped: extra.anythingShipped ?? false,
});

/** The journey as API.md and the issue state it, written out pair by pair. */
const EXPECTED_BY_PERSON: Record<Exclude<OrderStatus, 'on_hold'>, OrderStatus[]> = {
  placed: ['confirmed', 'cancelled', 'on_hold'],
  confirmed: ['in_production', 'quality_check', 'ready_to_ship', 'cancelled', 'on_hold'],
  in_production: ['quality_check', 'ready_to_ship', 'cancelled', 'on_hold'],
  quality_check: ['ready_to_ship', 'in_production', 'cancelled', 'on_hold'],
  ready_to_ship: ['cancelled', 'on_hold'],
  partially_shipped: ['on_hold'],
  shipped: [],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

describe('order state machine', () => {
  it('reaches every state from placed', () => {
    expect(unreachableStates(ORDER_TRANSITIONS, 'placed')).toEqual([]);
  });

  for (const from of Object.keys(EXPECTED_BY_PERSON) as (keyof typeof EXPECTED_BY_PERSON)[]) {
    for (const to of ORDER_STATUSES) {
      const allowed = EXPECTED_BY_PERSON[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'} for a person`, () => {
        const anythingShipped = from === 'partially_shipped';
        const result = decideTransition(facts(from, { anythingShipped }), to);
        expect(result.ok).toBe(allowed);
        if (!result.ok) {
          expect(result.error.code).toBe(SYSTEM_ONLY.has(to) ? 'system_only' : 'invalid_transition');
          expect([...result.error.allowed].sort()).toEqual([...EXPECTED_BY_PERSON[from]].sort());
        }
      });
    }
  }

  it('lets shipments move orders through the system-only states', () => {
    expect(decideTransition(facts('ready_to_ship'), 'partially_shipped', 'system').ok).toBe(true);
    expect(decideTransition(facts('partially_shipped', { anythingShipped: true }), 'shipped', 'system').ok).toBe(true);
    expect(decideTransition(facts('shipped', { anythingShipped: true }), 'delivered', 'system').ok).toBe(true);
    expect(decideTransition(facts('placed'), 'shipped', 'system').ok).toBe(false);
  });

  it('returns a held order to the state it came from, or cancels it', () => {
    for (const from of ['placed', 'confirmed', 'in_production', 'quality_check', 'ready_to_ship'] as const) {
      const hold = decideTransition(facts(from), 'on_hold');
      expect(hold).toEqual({ ok: true, value: { from, to: 'on_hold', heldFrom: from, releaseStock: false } });
      const held = facts('on_hold', { heldFrom: from });
      expect(allowedTransitions(held)).toEqual([from, 'cancelled']);
      for (const to of ORDER_STATUSES) {
        expect(decideTransition(held, to).ok).toBe(to === from || to === 'cancelled');
      }
    }
  });

  it('refuses cancellation once anything has shipped, also from hold', () => {
    expect(decideTransition(facts('partially_shipped', { anythingShipped: true }), 'cancelled').ok).toBe(false);
    const held = facts('on_hold', { heldFrom: 'partially_shipped', anythingShipped: true });
    expect(allowedTransitions(held)).toEqual(['partially_shipped']);
  });

  it('releases stock exactly when cancelling', () => {
    const cancel = decideTransition(facts('confirmed'), 'cancelled');
    expect(cancel.ok && cancel.value.releaseStock).toBe(true);
    const confirm = decideTransition(facts('placed'), 'confirmed');
    expect(confirm.ok && confirm.value.releaseStock).toBe(false);
  });
});
