import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '@ordercare/contracts';
import { allowedTransitions, allowedTransitionsFor, ORDER_STATUSES, rolesFor, SYSTEM_ONLY, TRANSITION_ROLES, type OrderFacts } from '../order-status.js';

const facts = (status: OrderFacts['status'], heldFrom: OrderFacts['heldFrom'] = null): OrderFacts => ({ status, heldFrom, anythingShipped: false });

describe('who may choose which transition', () => {
  it('gives the desk the customer-facing steps and the floor the production steps', () => {
    expect(allowedTransitionsFor(facts('placed'), 'sales')).toEqual(['confirmed', 'cancelled', 'on_hold']);
    expect(allowedTransitionsFor(facts('placed'), 'warehouse')).toEqual(['on_hold']);
    expect(allowedTransitionsFor(facts('confirmed'), 'warehouse')).toEqual(['in_production', 'quality_check', 'ready_to_ship', 'on_hold']);
    expect(allowedTransitionsFor(facts('confirmed'), 'support')).toEqual(['cancelled', 'on_hold']);
    expect(allowedTransitionsFor(facts('delivered'), 'support')).toEqual(['completed']);
    expect(allowedTransitionsFor(facts('delivered'), 'warehouse')).toEqual([]);
    for (const s of ORDER_STATUSES) expect(allowedTransitionsFor(facts('on_hold', s === 'on_hold' ? null : s), 'finance')).toEqual([]);
  });

  it('lets admin and manager choose everything a person may, and nobody a system-only state', () => {
    for (const status of ORDER_STATUSES) {
      const f = status === 'on_hold' ? facts('on_hold', 'ready_to_ship') : facts(status);
      expect(allowedTransitionsFor(f, 'admin')).toEqual(allowedTransitions(f));
      expect(allowedTransitionsFor(f, 'manager')).toEqual(allowedTransitions(f));
    }
    for (const s of SYSTEM_ONLY) expect(TRANSITION_ROLES[s]).toEqual([]);
  });

  it('treats releasing a hold as its own action: whoever may hold may release, to any state', () => {
    const held = facts('on_hold', 'in_production');
    expect(rolesFor(held, 'in_production')).toEqual(['admin', 'manager', 'sales', 'support', 'warehouse']);
    expect(allowedTransitionsFor(held, 'sales')).toEqual(['in_production', 'cancelled']);
    expect(allowedTransitionsFor(held, 'warehouse')).toEqual(['in_production']);
    for (const role of STAFF_ROLES) expect(rolesFor(held, 'cancelled').includes(role)).toBe(['admin', 'manager', 'sales', 'support'].includes(role));
  });
});
