import type { Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from '@ordercare/contracts';
import type { Executor, WebhookAttemptsTable, WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../../platform/db/schema.js';
import { decodeCursor, encodeCursor } from '../../platform/db/index.js';
import { secretHint } from './webhook.js';

export type SubscriptionRow = WebhookSubscriptionsTable;
export type DeliveryRow = WebhookDeliveriesTable;

export function toWebhook(r: SubscriptionRow): Webhook {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as string[],
    description: r.description,
    active: r.active === 1,
    secretHint: secretHint(r.secret),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toAttempt(r: WebhookAttemptsTable): WebhookAttempt {
  return {
    number: r.number,
    manual: r.manual === 1,
    at: r.attempted_at,
    succeeded: r.succeeded === 1,
    httpStatus: r.http_status,
    responseBody: r.response_body,
    durationMs: r.duration_ms,
    error: r.error,
  };
}

export function toDelivery(r: DeliveryRow, attempts: WebhookAttemptsTable[]): WebhookDelivery {
  return {
    id: r.id,
    webhookId: r.subscription_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status as WebhookDeliveryStatus,
    attemptCount: r.attempt_count,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    attempts: attempts.filter((a) => a.delivery_id === r.id).map(toAttempt),
  };
}

export async function findSubscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSubscriptions(db: Executor, q: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(q.cursor);
  let query = db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').limit(q.limit + 1);
  if (after) query = query.where('id', '>', after);
  const rows = await query.execute();
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { data: page.map(toWebhook), nextCursor: more ? encodeCursor(page[page.length - 1]!.id) : null };
}

export async function activeSubscriptions(db: Executor): Promise<SubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('active', '=', 1).orderBy('id').execute();
}

export async function findDelivery(db: Executor, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function attemptsOf(db: Executor, deliveryIds: string[]): Promise<WebhookAttemptsTable[]> {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('number').orderBy('id').execute();
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function listDeliveries(db: Executor, subscriptionId: string, q: { limit: number; cursor?: string | undefined }) {
  const before = decodeCursor(q.cursor);
  let query = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id', 'desc').limit(q.limit + 1);
  if (before) query = query.where('id', '<', before);
  const rows = await query.execute();
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const attempts = await attemptsOf(db, page.map((r) => r.id));
  return { data: page.map((r) => toDelivery(r, attempts)), nextCursor: more ? encodeCursor(page[page.length - 1]!.id) : null };
}
