import type { Message, MessageChannel, SendMessageRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { NO_REASON, SEND_DUE, toMessage, type MessageError } from '../message.js';
import { currentTemplate, findMessage, insertMessage } from '../messages.repo.js';
import { renderTemplate, TemplateRenderError } from '../render.js';
import { templateData } from './template-data.js';

/** A one-off message from staff (a template rendered for the order, or free text), queued for the sender. */
export async function sendToCustomer(tx: Tx, deps: Pick<Deps, 'clock' | 'config'>, actor: Actor, body: SendMessageRequest, requestId?: string): Promise<Result<Message, MessageError>> {
  const { data, customer, order } = await templateData(tx, { customerId: body.customerId, orderId: body.orderId ?? null, locale: 'en', publicUrl: deps.config.publicUrl });
  if (!customer) return err({ code: 'customer_not_found', id: body.customerId });
  if (body.orderId && (!order || order.customerId !== customer.id)) return err({ code: 'order_not_found', ref: body.orderId });
  const preferred = customer.preferredChannel;
  const channel: MessageChannel = body.channel ?? (preferred === 'sms' || preferred === 'portal' ? preferred : 'email');
  const to = channel === 'email' ? customer.email : channel === 'sms' ? customer.phone : customer.id;
  if (!to || !customer.consent[channel]) return err({ code: 'no_address', channel });
  const locale = customer.locale === 'zh-CN' ? 'zh-CN' : 'en';

  let rendered: { subject: string | null; text: string; html: string | null };
  let version: number | null = null;
  let attachments: string[] = [];
  if (body.templateKey) {
    const template = await currentTemplate(tx, body.templateKey, channel, locale);
    const localized = locale === 'en' ? data : (await templateData(tx, { customerId: customer.id, orderId: body.orderId ?? null, locale, publicUrl: deps.config.publicUrl })).data;
    try {
      rendered = await renderTemplate(template, localized);
    } catch (e) {
      if (e instanceof TemplateRenderError) return err({ code: 'template_invalid', problem: e.problem });
      throw e;
    }
    version = template.version;
    attachments = body.orderId && channel === 'email' ? template.attachments : [];
  } else {
    if (!body.text) return err({ code: 'no_text' });
    rendered = { subject: channel === 'sms' ? null : (body.subject ?? null), text: body.text, html: null };
  }
  const at = deps.clock.now().toISOString();
  const id = newId('msg');
  await insertMessage(tx, {
    id,
    customer_id: customer.id,
    order_id: body.orderId ?? null,
    event_id: null,
    event_type: null,
    channel,
    to,
    locale,
    template_key: body.templateKey ?? null,
    template_version: version,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    attachments: JSON.stringify(attachments),
    status: 'queued',
    ...NO_REASON,
    attempts: 0,
    idempotency_key: `staff:${id}`,
    provider_message_id: null,
    send_after: null,
    sent_at: null,
    created_at: at,
    updated_at: at,
  });
  await recordAudit(tx, { actor, action: 'message.created', entityType: 'message', entityId: id, after: { customerId: customer.id, orderId: body.orderId ?? null, channel, templateKey: body.templateKey ?? null }, at, requestId });
  await emitEvent(tx, at, { type: SEND_DUE, aggregateType: 'message', aggregateId: id, payload: { messageId: id }, dedupeKey: `message.send:${id}:1` });
  return ok(toMessage((await findMessage(tx, id))!));
}
