import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import { inventoryProblem, type ShortLine } from '../inventory/index.js';
import type { OrderError } from './order.js';

const targets = (allowed: readonly string[]) => (allowed.length ? `Allowed targets: ${allowed.join(', ')}.` : 'Allowed targets: none.');

function shortMessage(s: ShortLine): string {
  const together = s.lineIndexes.length > 1 ? ` (lines ${s.lineIndexes.join(', ')} together)` : '';
  return `${s.sku}: requested ${s.requested}${together}, available ${s.available}`;
}

/** The one place order outcomes become HTTP problems. */
export function orderProblem(e: OrderError): Problem {
  switch (e.code) {
    case 'invalid':
      return problem(400, 'validation_failed', `The request is invalid. ${e.errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`, e.errors);
    case 'not_found':
      return problem(404, 'not_found', `No order with id ${e.id}.`);
    case 'insufficient_stock': {
      const errors = e.lines.flatMap((s) => s.lineIndexes.map((i) => ({ path: `body.lines.${i}`, message: shortMessage(s) })));
      return problem(409, 'insufficient_stock', `Not enough stock, so ${e.edit ? 'the order was not changed and its reservations stay as they were' : 'no order was created and nothing was reserved'}. ${e.lines.map(shortMessage).join('; ')}.`, errors);
    }
    case 'invalid_transition':
      return problem(409, 'invalid_transition', `Order ${e.number} cannot move from ${e.from} to ${e.to}. ${targets(e.allowed)}`);
    case 'system_only':
      return problem(409, 'invalid_transition', `${e.to} follows from shipments and their events and cannot be set by hand (order ${e.number}). ${targets(e.allowed)}`);
    case 'transition_forbidden':
      return problem(403, 'forbidden', `Role ${e.role} may not move order ${e.number} to ${e.to}. Roles that may: ${e.roles.join(', ')}.`);
    case 'version_conflict':
      return problem(412, 'version_conflict', `Order ${e.id} was changed by someone else (it is now at version ${e.current}). Reload it and try again.`);
    case 'if_match_required':
      return problem(428, 'if_match_required', 'Send If-Match: "<version>" with the version of the order you edited, so that a concurrent change is not overwritten.', [
        { path: 'header.if-match', message: 'is required' },
      ]);
    case 'order_not_editable':
      return problem(409, 'order_not_editable', `Order ${e.number} can no longer be edited: ${e.shipped ? 'something has already shipped' : `it is ${e.status}`}.`);
    case 'change_pending':
      return problem(409, 'change_pending', `Order ${e.number} already has a change (${e.changeId}) waiting for the customer's answer; approve or decline it first.`);
    case 'change_not_found':
      return problem(404, 'not_found', `Order ${e.orderId} has no change with id ${e.changeId}.`);
    case 'change_decided':
      return problem(409, 'change_not_pending', `Change ${e.changeId} was already ${e.status}.`);
    case 'invoice_not_issued':
      return problem(404, 'not_found', `Order ${e.number} has no invoice yet; it appears here once it has been issued.`);
    case 'inventory':
      return inventoryProblem(e.error);
    default: {
      const never: never = e;
      return never;
    }
  }
}
