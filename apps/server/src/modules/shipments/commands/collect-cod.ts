import type { Deps } from '../../../deps.js';
import { err, ok } from '../../../platform/result.js';
import { paymentProblem, recordPayment } from '../../payments/index.js';
import type { CodCollector } from './record-shipment-event.js';

/**
 * The cash a courier collected on delivery, recorded as a `cod` payment by the payments module in
 * the same transaction as the delivery (its refusal, e.g. 409 overpayment, rolls the delivery back).
 */
export function collectCod(deps: Pick<Deps, 'clock' | 'ops'>): CodCollector {
  return async (tx, actor, orderId, amount, shipment) => {
    const paid = await recordPayment(tx, deps, actor, orderId, { amount, method: 'cod', reference: shipment.tracking_number ?? shipment.id, note: `collected on delivery of shipment ${shipment.id}` });
    if (paid.ok) return ok(paid.value);
    const p = paymentProblem(paid.error);
    return err({ code: 'payment', status: p.status, problemCode: p.code, detail: p.detail });
  };
}
