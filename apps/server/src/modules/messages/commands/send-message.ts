import type { Deps } from '../../../deps.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { emitEvent, scheduleTimer } from '../../../platform/outbox/index.js';
import { postToInbox } from '../../inbox/index.js';
import { orderDocument } from '../../orders/index.js';
import type { OutgoingMessage } from '../channels/channel.js';
import type { ChannelRegistry } from '../channels/index.js';
import { because, keptReason, NO_REASON, OUTCOME_UNKNOWN, retryDelayMs, SEND_DUE, toMessage } from '../message.js';
import { findMessage, moveMessage } from '../messages.repo.js';

export interface SendHooks {
  /** Tests: runs after the channel answered and before the outcome is recorded (a crash there). */
  afterSend?: (messageId: string) => void | Promise<void>;
}

/**
 * Sends one message (the non-transactional `messages.send` handler). Marks it `sending` in a
 * committed transaction of its own, calls the channel, then records sent / failed / the next try.
 * A message found still `sending` was interrupted by a crash: a channel that takes an idempotency
 * key gets the same call again (the provider drops the repeat); for email the message becomes
 * `failed` with "outcome unknown", and staff decide whether to resend. Never sends twice.
 */
export async function sendMessage(deps: Deps, channels: ChannelRegistry, messageId: string, hooks: SendHooks = {}): Promise<void> {
  const row = await findMessage(deps.db, messageId);
  if (!row) return;
  const channel = channels[toMessage(row).channel];
  const now = () => deps.clock.now().toISOString();
  const events = { customerId: row.customer_id, orderId: row.order_id, messageId };
  let attempts = row.attempts;

  if (row.status === 'sending') {
    if (!channel.acceptsIdempotencyKey) {
      const at = now();
      await deps.db.transaction().execute(async (tx) => {
        if (await moveMessage(tx, messageId, ['sending'], { status: 'failed', ...because('outcome_unknown', OUTCOME_UNKNOWN), updated_at: at })) {
          await emitEvent(tx, at, { type: 'message.failed', aggregateType: 'message', aggregateId: messageId, payload: { ...events, reason: OUTCOME_UNKNOWN } });
        }
      });
      return;
    }
  } else {
    if (row.status !== 'queued' && row.status !== 'held') return;
    if (!channel.configured) {
      const kept = keptReason(channel.id);
      if (row.status_reason !== kept.status_reason) await moveMessage(deps.db, messageId, ['queued', 'held'], { status: 'queued', ...kept, updated_at: now() });
      return;
    }
    attempts = row.attempts + 1;
    if (!(await moveMessage(deps.db, messageId, ['queued', 'held'], { status: 'sending', attempts, updated_at: now() }))) return; // another worker has it
  }

  const message = toMessage(row);
  const outgoing: OutgoingMessage = {
    id: message.id,
    idempotencyKey: row.idempotency_key,
    channel: message.channel,
    to: message.to,
    locale: message.locale,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: [],
  };
  if (message.orderId && message.channel === 'email') {
    for (const kind of message.attachments) {
      const doc = await orderDocument(deps, SYSTEM_ACTOR, message.orderId, kind, { locale: message.locale });
      if (doc.ok) outgoing.attachments.push({ filename: doc.value.filename, contentType: 'application/pdf', content: doc.value.pdf });
      else deps.logger.warn({ messageId, kind, error: doc.error }, 'message attachment skipped');
    }
  }

  const outcome = await channel.send(outgoing);
  await hooks.afterSend?.(messageId);

  const at = now();
  await deps.db.transaction().execute(async (tx) => {
    if (outcome.ok) {
      if (!(await moveMessage(tx, messageId, ['sending'], { status: outcome.status, ...NO_REASON, provider_message_id: outcome.providerMessageId, sent_at: at, updated_at: at }))) return;
      if (message.channel === 'portal') {
        // The inbox entry is written with the status change: exactly once, whatever crashed before.
        const posted = await postToInbox(tx, deps, { customerId: message.customerId, orderId: message.orderId, subject: message.subject, body: message.text, author: 'system' });
        if (!posted.ok) deps.logger.warn({ messageId, error: posted.error }, 'portal message not posted to the inbox');
      }
      await emitEvent(tx, at, { type: 'message.sent', aggregateType: 'message', aggregateId: messageId, payload: { ...events, channel: message.channel, templateKey: message.templateKey } });
      return;
    }
    const delay = outcome.permanent ? null : retryDelayMs(attempts);
    if (delay === null) {
      const reason = outcome.permanent ? outcome.error : `gave up after ${attempts} attempts: ${outcome.error}`;
      await moveMessage(tx, messageId, ['sending'], { status: 'failed', ...because('send_failed', reason), updated_at: at });
      await emitEvent(tx, at, { type: 'message.failed', aggregateType: 'message', aggregateId: messageId, payload: { ...events, reason } });
      return;
    }
    const next = new Date(Date.parse(at) + delay).toISOString();
    await moveMessage(tx, messageId, ['sending'], { status: 'queued', ...because('retrying', `attempt ${attempts} failed: ${outcome.error}; next try at ${next}`), send_after: next, updated_at: at });
    await scheduleTimer(tx, at, next, { type: SEND_DUE, aggregateType: 'message', aggregateId: messageId, payload: { messageId }, dedupeKey: `message.send:${messageId}:${attempts + 1}` });
  });
}
