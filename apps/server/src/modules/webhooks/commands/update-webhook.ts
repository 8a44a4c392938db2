import type { UpdateWebhookRequest, Webhook } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { refusedHost } from '../url-guard.js';
import type { WebhookError } from '../webhook.js';
import { findSubscription, toWebhook } from '../webhooks.repo.js';

/** Changes url, events, description or active (activate / deactivate); `If-Match` is optional. */
export async function updateWebhook(tx: Tx, deps: Deps, actor: Actor, id: string, input: UpdateWebhookRequest, ifMatch: number | undefined, requestId?: string): Promise<Result<Webhook, WebhookError>> {
  const before = await findSubscription(tx, id);
  if (!before) return err({ code: 'not_found', id });
  if (ifMatch !== undefined && ifMatch !== before.version) return err({ code: 'version_conflict', current: before.version });
  if (input.url !== undefined && !deps.config.webhooksAllowPrivate) {
    const refused = refusedHost(input.url);
    if (refused) return err({ code: 'url_refused', message: refused });
  }
  const at = deps.clock.now().toISOString();
  const after = {
    ...before,
    url: input.url ?? before.url,
    events: input.events ? JSON.stringify([...new Set(input.events)]) : before.events,
    description: input.description === undefined ? before.description : input.description || null,
    active: input.active === undefined ? before.active : input.active ? 1 : 0,
    version: before.version + 1,
    updated_at: at,
  };
  await tx.updateTable('webhook_subscriptions').set({ url: after.url, events: after.events, description: after.description, active: after.active, version: after.version, updated_at: at }).where('id', '=', id).execute();
  const b = toWebhook(before);
  const a = toWebhook(after);
  await recordAudit(tx, { actor, action: 'webhook.updated', entityType: 'webhook', entityId: id, before: { url: b.url, events: b.events, description: b.description, active: b.active }, after: { url: a.url, events: a.events, description: a.description, active: a.active }, requestId, at });
  return ok(a);
}
