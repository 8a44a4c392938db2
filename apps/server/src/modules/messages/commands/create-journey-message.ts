import type { Locale, MessageChannel } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { memoIn, type Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent, scheduleTimer, type OutboxEventRecord } from '../../../platform/outbox/index.js';
import type { ChannelRegistry } from '../channels/index.js';
import { keptReason, SEND_DUE, type JourneyMessage } from '../message.js';
import { currentTemplate, insertMessage } from '../messages.repo.js';
import { TemplateRenderError, renderTemplate } from '../render.js';
import { decideDelivery } from '../rules.js';
import { findRule } from '../messages.repo.js';
import { templateData } from './template-data.js';

/**
 * Turns a journey event into one message row (database only; runs inside the automation
 * handler's `ctx.once` transaction). The rule picks the channel and time; the row is `queued` (and
 * a `message.send_due` event asks the sender), `held` until quiet hours end (a timer), or
 * `suppressed` with the reason. The idempotency key `${eventId}:${rule}:${channel}` is unique, so
 * a second run of the same event adds nothing.
 */
export async function createJourneyMessage(tx: Tx, deps: Pick<Deps, 'clock' | 'config'>, channels: ChannelRegistry, event: OutboxEventRecord, journey: JourneyMessage): Promise<string | null> {
  // Rules and templates are read once per worker batch (one transaction), not once per event.
  const rule = await memoIn(tx, `message_rule:${journey.event}`, () => findRule(tx, journey.event));
  const now = deps.clock.now();
  const at = now.toISOString();
  const first = await templateData(tx, { customerId: journey.customerId, orderId: journey.orderId, locale: 'en', extra: journey.data, publicUrl: deps.config.publicUrl });
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
  const id = newId('msg');
  const key = `${event.id}:${journey.event}:${decision.kind === 'send' ? channel : 'none'}`;
  const template = await memoIn(tx, `message_template:${rule.templateKey}:${channel}:${locale}`, () => currentTemplate(tx, rule.templateKey, channel, locale));
  const { data } = locale === 'en' ? first : await templateData(tx, { customerId: journey.customerId, orderId: journey.orderId, locale, extra: journey.data, publicUrl: deps.config.publicUrl });

  let status = decision.kind === 'skip' ? 'suppressed' : decision.sendAfter ? 'held' : 'queued';
  let reason: string | null = decision.kind === 'skip' ? decision.reason : decision.sendAfter ? `waits until ${decision.sendAfter.toISOString()} (quiet hours or delay)` : null;
  let rendered = { subject: null as string | null, text: '', html: null as string | null };
  try {
    rendered = await renderTemplate(template, data);
  } catch (e) {
    if (!(e instanceof TemplateRenderError)) throw e;
    status = 'failed';
    reason = `the template ${rule.templateKey}/${channel}/${locale} v${template.version} could not be rendered: ${e.message}`;
  }
  // A channel that is not set up (email without SMTP_URL) keeps the message queued; sending it
  // would only record that, so no send is scheduled. Staff send it with Resend once it is set up.
  const kept = status === 'queued' && !channels[channel].configured;
  if (kept) reason = keptReason(channel);
  const inserted = await insertMessage(tx, {
    id,
    customer_id: customer.id,
    order_id: journey.orderId,
    event_id: event.id,
    event_type: event.type,
    channel,
    to: decision.kind === 'send' && decision.channel !== 'portal' ? decision.to : customer.id, // the portal inbox is the customer's
    locale,
    template_key: rule.templateKey,
    template_version: template.version,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    attachments: JSON.stringify(channel === 'email' ? template.attachments : []),
    status,
    status_reason: reason,
    attempts: 0,
    idempotency_key: key,
    provider_message_id: null,
    send_after: decision.kind === 'send' && decision.sendAfter ? decision.sendAfter.toISOString() : null,
    sent_at: null,
    created_at: at,
    updated_at: at,
  }, { fresh: event.attempt === 1 }); // a first attempt: no earlier run of this event can have committed its message
  if (!inserted) return null;
  const common = { messageId: id, customerId: customer.id, orderId: journey.orderId };
  if (status === 'queued' && !kept) await emitEvent(tx, at, { type: SEND_DUE, aggregateType: 'message', aggregateId: id, payload: { messageId: id }, dedupeKey: `message.send:${id}:1` });
  if (status === 'held' && decision.kind === 'send' && decision.sendAfter) {
    await scheduleTimer(tx, at, decision.sendAfter.toISOString(), { type: SEND_DUE, aggregateType: 'message', aggregateId: id, payload: { messageId: id }, dedupeKey: `message.send:${id}:held` });
  }
  if (status === 'suppressed' || status === 'failed') await emitEvent(tx, at, { type: `message.${status}`, aggregateType: 'message', aggregateId: id, payload: { ...common, reason } });
  return id;
}
