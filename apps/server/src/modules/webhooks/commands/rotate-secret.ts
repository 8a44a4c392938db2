import type { WebhookWithSecret } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { newWebhookSecret } from '../signing.js';
import { secretHint, type WebhookError } from '../webhook.js';
import { findSubscription, toWebhook } from '../webhooks.repo.js';

/** Replaces the secret at once (attempts from now on are signed with the new one) and shows it once. */
export async function rotateWebhookSecret(tx: Tx, deps: Deps, actor: Actor, id: string, requestId?: string): Promise<Result<WebhookWithSecret, WebhookError>> {
  const row = await findSubscription(tx, id);
  if (!row) return err({ code: 'not_found', id });
  const at = deps.clock.now().toISOString();
  const next = { ...row, secret: newWebhookSecret(), version: row.version + 1, updated_at: at };
  await tx.updateTable('webhook_subscriptions').set({ secret: next.secret, version: next.version, updated_at: at }).where('id', '=', id).execute();
  await recordAudit(tx, { actor, action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id, before: { secretHint: secretHint(row.secret) }, after: { secretHint: secretHint(next.secret) }, requestId, at });
  return ok({ ...toWebhook(next), secret: next.secret });
}
