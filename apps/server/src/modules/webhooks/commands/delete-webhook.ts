import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { WebhookError } from '../webhook.js';
import { findSubscription } from '../webhooks.repo.js';

/** Deletes a subscription with its delivery log; pending attempts then find nothing and stop. */
export async function deleteWebhook(tx: Tx, deps: Deps, actor: Actor, id: string, requestId?: string): Promise<Result<null, WebhookError>> {
  const row = await findSubscription(tx, id);
  if (!row) return err({ code: 'not_found', id });
  const deliveries = tx.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', id);
  await tx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
  await tx.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
  await tx.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
  await recordAudit(tx, { actor, action: 'webhook.deleted', entityType: 'webhook', entityId: id, before: { url: row.url }, requestId, at: deps.clock.now().toISOString() });
  return ok(null);
}
