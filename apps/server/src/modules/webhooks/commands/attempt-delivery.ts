import { WEBHOOK_HEADERS } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { newId } from '../../../platform/ids.js';
import { scheduleTimer, type HandlerContext } from '../../../platform/outbox/index.js';
import { retryDelayMs } from '../schedule.js';
import { signatureHeader } from '../signing.js';
import { refusedResolved } from '../url-guard.js';
import { DELIVERY_DUE } from '../webhook.js';
import { findDelivery, findSubscription } from '../webhooks.repo.js';

export const TIMEOUT_MS = 10_000;
export const RESPONSE_EXCERPT_BYTES = 2048;
export const USER_AGENT = 'OrderCare-Webhooks/1';

export interface AttemptOutcome {
  succeeded: boolean;
  httpStatus: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
}

/** POSTs one signed request (no redirects followed, 10 s timeout); never throws. */
export async function sendWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<AttemptOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const refused = allowPrivate ? undefined : await refusedResolved(url);
    if (refused) return { succeeded: false, httpStatus: null, responseBody: null, durationMs: took(), error: refused };
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await res.text().catch(() => '');
    const excerpt = Buffer.from(text, 'utf8').subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
    const ok = res.status >= 200 && res.status < 300;
    return { succeeded: ok, httpStatus: res.status, responseBody: excerpt, durationMs: took(), error: ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    const message = e instanceof Error ? (e.name === 'TimeoutError' ? `timed out after ${TIMEOUT_MS / 1000} s` : `${e.message}${cause}`) : String(e);
    return { succeeded: false, httpStatus: null, responseBody: null, durationMs: took(), error: message.slice(0, 500) };
  }
}

/**
 * Handles `webhook.delivery_due`: signs and sends the event outside any transaction, then records
 * the attempt (unique by the triggering outbox event, via ctx.once), and on failure schedules the
 * next scheduled attempt by timer — or marks the delivery failed after the last. A manual
 * redelivery sends whatever the status and never changes the schedule.
 */
export async function attemptDelivery(deps: Deps, ctx: HandlerContext): Promise<void> {
  const deliveryId = ctx.event.payload.deliveryId;
  const manual = ctx.event.payload.manual === true;
  if (typeof deliveryId !== 'string') return;
  const delivery = await findDelivery(deps.db, deliveryId);
  if (!delivery || (!manual && delivery.status !== 'pending')) return;
  const sub = await findSubscription(deps.db, delivery.subscription_id);
  if (!sub) return;

  const body = JSON.stringify({ id: delivery.event_id, type: delivery.event_type, createdAt: delivery.event_created_at, data: JSON.parse(delivery.payload) as unknown });
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    [WEBHOOK_HEADERS.eventId]: delivery.event_id,
    [WEBHOOK_HEADERS.eventType]: delivery.event_type,
    [WEBHOOK_HEADERS.deliveryId]: delivery.id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signatureHeader(sub.secret, timestamp, body),
  };
  const outcome = await sendWebhook(sub.url, headers, body, deps.config.webhooksAllowPrivate);

  await ctx.once(async (tx) => {
    const current = await findDelivery(tx, deliveryId);
    if (!current) return;
    const at = deps.clock.now().toISOString();
    const scheduled = await tx.selectFrom('webhook_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('delivery_id', '=', deliveryId).where('manual', '=', 0).executeTakeFirstOrThrow();
    const scheduledCount = Number(scheduled.n) + (manual ? 0 : 1);
    const number = current.attempt_count + 1;
    await tx
      .insertInto('webhook_attempts')
      .values({ id: newId('wha'), delivery_id: deliveryId, trigger_id: ctx.event.id, number, manual: manual ? 1 : 0, attempted_at: at, succeeded: outcome.succeeded ? 1 : 0, http_status: outcome.httpStatus, response_body: outcome.responseBody, duration_ms: outcome.durationMs, error: outcome.error })
      .execute();
    let status = current.status;
    let next = current.next_attempt_at;
    if (outcome.succeeded) {
      status = 'succeeded';
      next = null;
    } else if (!manual && current.status === 'pending') {
      const delay = retryDelayMs(scheduledCount);
      if (delay === null) {
        status = 'failed';
        next = null;
      } else {
        next = new Date(Date.parse(at) + delay).toISOString();
        await scheduleTimer(tx, at, next, { type: DELIVERY_DUE, aggregateType: 'webhook_delivery', aggregateId: deliveryId, payload: { deliveryId }, dedupeKey: `webhook.attempt:${deliveryId}:${scheduledCount + 1}` });
      }
    }
    await tx.updateTable('webhook_deliveries').set({ status, attempt_count: number, next_attempt_at: next, updated_at: at }).where('id', '=', deliveryId).execute();
  });
}
