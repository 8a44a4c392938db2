import { CreateOrderRequest } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { SYSTEM_ACTOR } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { err, ok } from '../../platform/result.js';
import { demoProducts } from '../catalog/index.js';
import { DEMO_CUSTOMER_ID } from '../customers/index.js';
import { editOrder } from './commands/edit-order.js';
import { placeOrder } from './commands/place-order.js';
import { transitionOrder } from './commands/transition-order.js';

const ADDRESS = { name: 'Demo Customer', company: 'Demo Customer Ltd', line1: '1388 Jinqiao Road', city: 'Shanghai', postalCode: '201206', country: 'CN' };

/**
 * Two orders of the demo customer, so the back office and the portal have something to show: one
 * placed, one confirmed with a dearer change waiting for the customer's answer in the portal. Only
 * into an empty order table; skipped (false) when the demo catalog lacks the stock.
 */
export async function seedDemoOrders(deps: Deps): Promise<boolean> {
  if (await deps.db.selectFrom('orders').select('id').limit(1).executeTakeFirst()) return false;
  const skus = demoProducts().filter((p) => p.currency === 'CNY' && p.trackInventory && !p.makeToOrder).slice(0, 2).map((p) => p.sku);
  if (skus.length < 2) return false;
  const request = (lines: { sku: string; quantity: number }[], extra: Partial<CreateOrderRequest> = {}) =>
    CreateOrderRequest.parse({ customerId: DEMO_CUSTOMER_ID, currency: 'CNY', lines, shippingAddress: ADDRESS, requestedDeliveryDate: inDays(deps, 14), ...extra });
  const options = { channel: 'backoffice' as const, viewer: { role: 'admin' as const } };
  const result = await inTransaction(deps.db, async (tx) => {
    const first = await placeOrder(tx, deps, SYSTEM_ACTOR, request([{ sku: skus[0]!, quantity: 4 }, { sku: skus[1]!, quantity: 2 }], { priority: 'high', specialRequirements: 'Deliver to the loading bay, weekdays 9:00–17:00.' }), options);
    if (!first.ok) return first;
    const confirmed = await transitionOrder(tx, deps, SYSTEM_ACTOR, 'admin', first.value.id, { to: 'confirmed', reason: 'demo' });
    if (!confirmed.ok) return confirmed;
    const changed = await editOrder(tx, deps, SYSTEM_ACTOR, 'admin', first.value.id, { lines: [{ sku: skus[0]!, quantity: 6 }, { sku: skus[1]!, quantity: 2 }] }, { expectedVersion: confirmed.value.version });
    if (!changed.ok) return changed;
    if (!changed.value.pending) return err({ code: 'invalid' as const, errors: [{ path: 'demo', message: 'the demo change did not wait for the customer' }] });
    const second = await placeOrder(tx, deps, SYSTEM_ACTOR, request([{ sku: skus[1]!, quantity: 1 }], { paymentTerms: { method: 'installments', installments: 3 } }), options);
    return second.ok ? ok(true) : second;
  });
  if (!result.ok) {
    deps.logger.warn({ error: result.error }, 'demo orders skipped');
    return false;
  }
  deps.wakeWorker();
  return true;
}

function inDays(deps: Pick<Deps, 'clock'>, days: number): string {
  return new Date(deps.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
