import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import { inventoryProblem } from '../inventory/index.js';
import type { ShipmentOrderError } from '../orders/index.js';
import type { ShipmentError } from './shipment.js';

function orderSideProblem(e: ShipmentOrderError): Problem {
  switch (e.code) {
    case 'order_not_found':
      return problem(404, 'not_found', `No order with id ${e.id}.`);
    case 'order_not_shippable':
      return problem(
        409,
        'order_not_shippable',
        `Order ${e.number} is ${e.status} and cannot ship. Goods ship from confirmed, ready_to_ship or partially_shipped orders: ${e.status === 'placed' ? 'confirm it first' : e.status === 'on_hold' ? 'release the hold first' : e.status === 'in_production' || e.status === 'quality_check' ? 'move it to ready_to_ship first' : 'nothing is left to ship'}.`,
      );
    case 'unknown_lines':
      return problem(400, 'validation_failed', `Order ${e.number} has no line with id ${e.lines.map((l) => l.lineId).join(', ')}.`, e.lines.map((l) => ({ path: `body.lines.${l.index}.lineId`, message: `is not a line of order ${e.number}` })));
    case 'exceeds_remaining':
      return problem(
        409,
        'exceeds_remaining',
        `More than remains to ship on order ${e.number}, so nothing was shipped: ${e.lines.map((l) => `${l.sku}: requested ${l.requested}, remaining ${l.remaining}`).join('; ')}.`,
        e.lines.map((l) => ({ path: `body.lines.${l.index}.quantity`, message: `at most ${l.remaining} remain to ship` })),
      );
    case 'payment_required':
      return problem(409, 'payment_required', `Order ${e.number} is prepaid and ${e.paymentStatus}: record the payment first, or (admin or manager) send paymentOverride { reason } to ship it anyway.`);
    case 'override_forbidden':
      return problem(403, 'forbidden', `Only an admin or manager may ship prepaid order ${e.number} before it is paid.`);
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** The one place shipment outcomes become HTTP problems. */
export function shipmentProblem(e: ShipmentError): Problem {
  switch (e.code) {
    case 'invalid':
      return problem(400, 'validation_failed', `The request is invalid. ${e.errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`, e.errors);
    case 'order':
      return orderSideProblem(e.error);
    case 'inventory':
      return inventoryProblem(e.error);
    case 'unknown_carrier':
      return problem(400, 'validation_failed', `No active carrier with code ${e.carrier}. Use one of: ${e.known.join(', ') || 'none (add one at POST /carriers)'}.`, [{ path: 'body.carrier', message: `is not an active carrier; use one of ${e.known.join(', ')}` }]);
    case 'warehouse_required':
      return problem(400, 'validation_failed', `The lines are reserved in several warehouses; choose one with warehouseId: ${e.warehouses.join(', ')}.`, [{ path: 'body.warehouseId', message: `is required: one of ${e.warehouses.join(', ')}` }]);
    case 'shipment_not_found':
      return problem(404, 'not_found', `No shipment with id ${e.id}.`);
    case 'shipment_delivered':
      return problem(409, 'shipment_delivered', `Shipment ${e.id} was delivered${e.deliveredAt ? ` at ${e.deliveredAt}` : ''}; a delivered shipment takes no further events (use a return for goods that come back).`);
    case 'carrier_not_found':
      return problem(404, 'not_found', `No carrier with code ${e.carrier}.`);
    case 'duplicate_carrier':
      return problem(409, 'duplicate_carrier', `Carrier code ${e.carrier} is already used; choose another code or edit it with PATCH /carriers/${e.carrier}.`, [{ path: 'body.code', message: 'is already used' }]);
    case 'payment':
      return problem(e.status, e.problemCode, e.detail);
    default: {
      const never: never = e;
      return never;
    }
  }
}
