import type { WebhookDelivery } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { DELIVERY_DUE, type WebhookError } from '../webhook.js';
import { attemptsOf, findDelivery, toDelivery } from '../webhooks.repo.js';

/** Queues one more, manual attempt of a delivery whatever its status; it does not restart the retry schedule. */
export async function redeliver(tx: Tx, deps: Deps, actor: Actor, deliveryId: string, requestId?: string): Promise<Result<WebhookDelivery, WebhookError>> {
  const row = await findDelivery(tx, deliveryId);
  if (!row) return err({ code: 'delivery_not_found', id: deliveryId });
  const at = deps.clock.now().toISOString();
  await emitEvent(tx, at, { type: DELIVERY_DUE, aggregateType: 'webhook_delivery', aggregateId: row.id, payload: { deliveryId: row.id, manual: true } });
  await recordAudit(tx, { actor, action: 'webhook.redelivery_requested', entityType: 'webhook', entityId: row.subscription_id, after: { deliveryId: row.id, eventId: row.event_id }, requestId, at });
  return ok(toDelivery(row, await attemptsOf(tx, [row.id])));
}
