import type { CreateWebhookRequest, WebhookWithSecret } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { newWebhookSecret } from '../signing.js';
import { refusedHost } from '../url-guard.js';
import type { WebhookError } from '../webhook.js';
import { toWebhook } from '../webhooks.repo.js';

/** Creates a subscription with a fresh secret; the answer is the only time the secret is shown. */
export async function createWebhook(tx: Tx, deps: Deps, actor: Actor, input: CreateWebhookRequest, requestId?: string): Promise<Result<WebhookWithSecret, WebhookError>> {
  const refused = deps.config.webhooksAllowPrivate ? undefined : refusedHost(input.url);
  if (refused) return err({ code: 'url_refused', message: refused });
  const at = deps.clock.now().toISOString();
  const row = {
    id: newId('whk'),
    url: input.url,
    events: JSON.stringify([...new Set(input.events)]),
    description: input.description || null,
    active: input.active === false ? 0 : 1,
    secret: newWebhookSecret(),
    version: 1,
    created_at: at,
    updated_at: at,
  };
  await tx.insertInto('webhook_subscriptions').values(row).execute();
  const webhook = toWebhook(row);
  await recordAudit(tx, { actor, action: 'webhook.created', entityType: 'webhook', entityId: row.id, after: { url: webhook.url, events: webhook.events, active: webhook.active }, requestId, at });
  return ok({ ...webhook, secret: row.secret });
}
