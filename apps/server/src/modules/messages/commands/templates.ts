import type { Locale, MessageChannel, MessageTemplate, PreviewTemplateRequest, SaveTemplateRequest, TemplateKey, TemplatePreview } from '@ordercare/contracts';
import { LOCALES, MESSAGE_CHANNELS, TEMPLATE_KEYS } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor, Tx } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { MessageError } from '../message.js';
import { findOrderIdByNumber as orderIdByNumber } from '../../orders/index.js';
import { currentTemplate, editedTemplates, insertTemplateVersion, latestTemplateVersion, shippedTemplate } from '../messages.repo.js';
import { checkTemplate, renderTemplate, TemplateRenderError } from '../render.js';
import { templateData } from './template-data.js';

/** Every template (keys × channels × locales): the current version of each. */
export async function listTemplates(db: Executor): Promise<MessageTemplate[]> {
  const edited = new Map((await editedTemplates(db)).map((t) => [`${t.key}/${t.channel}/${t.locale}`, t]));
  const out: MessageTemplate[] = [];
  for (const key of TEMPLATE_KEYS) for (const channel of MESSAGE_CHANNELS) for (const locale of LOCALES) out.push(edited.get(`${key}/${channel}/${locale}`) ?? shippedTemplate(key, channel, locale));
  return out;
}

/** Saves the next version after checking that every part parses (400 with line and column otherwise). */
export async function saveTemplate(tx: Tx, deps: Pick<Deps, 'clock'>, actor: Actor, key: TemplateKey, channel: MessageChannel, locale: Locale, body: SaveTemplateRequest, requestId?: string): Promise<Result<MessageTemplate, MessageError>> {
  const problem = checkTemplate(body);
  if (problem) return err({ code: 'template_invalid', problem });
  const at = deps.clock.now().toISOString();
  const before = await currentTemplate(tx, key, channel, locale);
  const version = Math.max(before.version, await latestTemplateVersion(tx, key, channel, locale)) + 1;
  const attachments = channel === 'email' ? [...new Set(body.attachments)] : [];
  await insertTemplateVersion(tx, { key, channel, locale, version, subject: body.subject, text: body.text, html: channel === 'email' ? body.html : null, attachments: JSON.stringify(attachments), created_by: actor.id, created_at: at });
  await recordAudit(tx, { actor, action: 'message_template.saved', entityType: 'message_template', entityId: `${key}/${channel}/${locale}`, before: { version: before.version }, after: { version }, at, requestId });
  return ok(await currentTemplate(tx, key, channel, locale));
}

/** The order a preview or test-send renders against: by id or number, else none. */
export async function resolveOrderId(db: Executor, ref: { orderId?: string | undefined; orderNumber?: string | undefined }): Promise<Result<string | null, MessageError>> {
  if (ref.orderId) return ok(ref.orderId);
  if (!ref.orderNumber) return ok(null);
  const id = await orderIdByNumber(db, ref.orderNumber);
  return id ? ok(id) : err({ code: 'order_not_found', ref: ref.orderNumber });
}

/** Renders an unsaved template against a real order (and its customer). */
export async function previewTemplate(deps: Pick<Deps, 'db' | 'config'>, body: PreviewTemplateRequest): Promise<Result<TemplatePreview, MessageError>> {
  const problem = checkTemplate(body);
  if (problem) return err({ code: 'template_invalid', problem });
  const orderId = await resolveOrderId(deps.db, body);
  if (!orderId.ok) return orderId;
  return renderFor(deps, body, body.locale, orderId.value);
}

export async function renderFor(deps: Pick<Deps, 'db' | 'config'>, source: { subject: string | null; text: string; html: string | null }, locale: Locale, orderId: string | null, fallbackCustomer?: { name: string }): Promise<Result<TemplatePreview, MessageError>> {
  const customerId = orderId ? ((await templateData(deps.db, { customerId: '', orderId, locale, publicUrl: undefined })).order?.customerId ?? null) : null;
  if (orderId && !customerId) return err({ code: 'order_not_found', ref: orderId });
  const { data, order } = await templateData(deps.db, { customerId: customerId ?? '', orderId, locale, publicUrl: deps.config.publicUrl });
  if (!customerId && fallbackCustomer) data.customer = fallbackCustomer;
  try {
    const rendered = await renderTemplate(source, data);
    return ok({ ...rendered, orderNumber: order?.number ?? null });
  } catch (e) {
    if (e instanceof TemplateRenderError) return err({ code: 'template_invalid', problem: e.problem });
    throw e;
  }
}
