import type { Locale, MessageChannel } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { memoIn, type Executor, type Tx } from '../../../platform/db/index.js';
import type { MessagesTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent, scheduleTimer, type OutboxEventRecord } from '../../../platform/outbox/index.js';
import type { ChannelRegistry } from '../channels/index.js';
import { because, keptReason, NO_REASON, SEND_DUE, type JourneyMessage } from '../message.js';
import { currentTemplate, findRule, insertMessage } from '../messages.repo.js';
import { problemText } from '../render.js';
import { inlineRenderer, type RenderJob, type RenderOutcome } from '../renderer.js';
import { decideDelivery } from '../rules.js';
import { templateData } from './template-data.js';

/** A journey message decided (rule, channel, time, template and its data) but not yet rendered. */
export interface JourneyPlan {
  row: Omit<MessagesTable, 'subject' | 'text' | 'html'>;
  job: RenderJob;
  /** `template key/channel/locale vN`, for the reason when it cannot be rendered. */
  templateRef: string;
}

/** A journey message ready to store: its row, rendered (or `failed` with the reason). */
export interface ComposedMessage {
  row: MessagesTable;
}

/**
 * Decides the message for a journey event: the rule picks the channel and time, the row is
 * `queued` (a `message.send_due` event will ask the sender), `held` until quiet hours end (a
 * timer), or `suppressed` with the reason. Only reads; null when no message is due (no such
 * customer, the rule switched off).
 */
export async function planJourneyMessage(db: Executor, deps: Pick<Deps, 'clock' | 'config'>, channels: ChannelRegistry, event: OutboxEventRecord, journey: JourneyMessage): Promise<JourneyPlan | null> {
  // Rules and templates are read once per worker batch (one transaction), not once per event.
  const rule = await memoIn(db, `message_rule:${journey.event}`, () => findRule(db, journey.event));
  const now = deps.clock.now();
  const at = now.toISOString();
  const first = await templateData(db, { customerId: journey.customerId, orderId: journey.orderId, locale: 'en', extra: journey.data, publicUrl: deps.config.publicUrl });
  const customer = first.customer;
  if (!customer) return null;
  if (!rule.enabled) return null; // switched off: nothing to show either
  const locale: Locale = customer.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const decision = decideDelivery({
    rule,
    recipient: { preferredChannel: customer.preferredChannel, consent: customer.consent, email: customer.email ?? null, phone: customer.phone ?? null },
    usable: { email: true, sms: channels.sms.configured, portal: true },
    now,
  });
  const channel: MessageChannel = decision.kind === 'send' ? decision.channel : 'portal';
  const template = await memoIn(db, `message_template:${rule.templateKey}:${channel}:${locale}`, () => currentTemplate(db, rule.templateKey, channel, locale));
  const { data } = locale === 'en' ? first : await templateData(db, { customerId: journey.customerId, orderId: journey.orderId, locale, extra: journey.data, publicUrl: deps.config.publicUrl });
  const sendAfter = decision.kind === 'send' && decision.sendAfter ? decision.sendAfter.toISOString() : null;
  return {
    row: {
      id: newId('msg'),
      customer_id: customer.id,
      order_id: journey.orderId,
      event_id: event.id,
      event_type: event.type,
      channel,
      to: decision.kind === 'send' && decision.channel !== 'portal' ? decision.to : customer.id, // the portal inbox is the customer's
      locale,
      template_key: rule.templateKey,
      template_version: template.version,
      attachments: JSON.stringify(channel === 'email' ? template.attachments : []),
      status: decision.kind === 'skip' ? 'suppressed' : sendAfter ? 'held' : 'queued',
      ...(decision.kind === 'skip'
        ? because(decision.code, decision.reason, decision.passedOver)
        : sendAfter
          ? because('held_until', `waits until ${sendAfter} (quiet hours or delay)`)
          : NO_REASON),
      attempts: 0,
      idempotency_key: `${event.id}:${journey.event}:${decision.kind === 'send' ? channel : 'none'}`,
      provider_message_id: null,
      send_after: sendAfter,
      sent_at: null,
      created_at: at,
      updated_at: at,
    },
    job: { source: template, data },
    templateRef: `${rule.templateKey}/${channel}/${locale} v${template.version}`,
  };
}

/** The plan with its template rendered; a template that cannot be rendered makes the message `failed`. */
export function finishJourneyMessage(plan: JourneyPlan, outcome: RenderOutcome, channels: ChannelRegistry): ComposedMessage {
  const row: MessagesTable = { ...plan.row, subject: null, text: '', html: null };
  if ('rendered' in outcome) Object.assign(row, outcome.rendered);
  else {
    row.status = 'failed';
    Object.assign(row, because('render_failed', `the template ${plan.templateRef} could not be rendered: ${problemText(outcome.problem)}`));
  }
  // A channel that is not set up (email without SMTP_URL) keeps the message queued; sending it
  // would only record that, so no send is scheduled. Staff send it with Resend once it is set up.
  if (row.status === 'queued' && !channels[row.channel as MessageChannel].configured) Object.assign(row, keptReason(row.channel as MessageChannel));
  return { row };
}

/**
 * Stores a composed journey message with what follows from its status (inside the automation
 * handler's `ctx.once` transaction): a `message.send_due` event for a queued one whose channel is
 * set up, a timer for a held one, a `message.suppressed`/`message.failed` event. The idempotency
 * key `${eventId}:${rule}:${channel}` is unique, so a second run of the same event adds nothing.
 */
export async function storeJourneyMessage(tx: Tx, channels: ChannelRegistry, event: OutboxEventRecord, message: ComposedMessage): Promise<string | null> {
  const { row } = message;
  const at = row.created_at;
  // A first attempt: no earlier run of this event can have committed its message.
  if (!(await insertMessage(tx, row, { fresh: event.attempt === 1 }))) return null;
  const id = row.id;
  const common = { messageId: id, customerId: row.customer_id, orderId: row.order_id };
  const kept = row.status === 'queued' && !channels[row.channel as MessageChannel].configured;
  if (row.status === 'queued' && !kept) await emitEvent(tx, at, { type: SEND_DUE, aggregateType: 'message', aggregateId: id, payload: { messageId: id }, dedupeKey: `message.send:${id}:1` });
  if (row.status === 'held' && row.send_after) {
    await scheduleTimer(tx, at, row.send_after, { type: SEND_DUE, aggregateType: 'message', aggregateId: id, payload: { messageId: id }, dedupeKey: `message.send:${id}:held` });
  }
  if (row.status === 'suppressed' || row.status === 'failed') await emitEvent(tx, at, { type: `message.${row.status}`, aggregateType: 'message', aggregateId: id, payload: { ...common, reason: row.status_reason } });
  return id;
}

/** Turns a journey event into one message row, rendered here (the automation without `ahead`). */
export async function createJourneyMessage(tx: Tx, deps: Pick<Deps, 'clock' | 'config'>, channels: ChannelRegistry, event: OutboxEventRecord, journey: JourneyMessage): Promise<string | null> {
  const plan = await planJourneyMessage(tx, deps, channels, event, journey);
  if (!plan) return null;
  const [outcome] = await inlineRenderer.renderAll([plan.job]);
  return storeJourneyMessage(tx, channels, event, finishJourneyMessage(plan, outcome!, channels));
}
