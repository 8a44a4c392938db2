import type { Locale, MessageChannel, MessageEventKey, MessageListQuery, MessageRule, MessageTemplate, RuleChannel, TemplateAttachment, TemplateKey } from '@ordercare/contracts';
import type { Executor } from '../../platform/db/index.js';
import { decodeCursor, encodeCursor, holdsInserts, insertRows, insertSoon } from '../../platform/db/index.js';
import type { MessageRulesTable, MessagesTable, MessageTemplateVersionsTable } from '../../platform/db/schema.js';
import { defaultTemplate } from './default-templates/index.js';
import { toMessage } from './message.js';
import { defaultRule } from './rules.js';

// ---- messages ----

/**
 * Inserts `row` unless a message with its idempotency key exists; false when one did. With
 * `fresh` the caller knows none can (the key names an outbox event handled for the first time),
 * so inside `holdInserts` the row joins the transaction's held inserts (no statement of its own).
 */
export async function insertMessage(db: Executor, row: MessagesTable, options: { fresh?: boolean } = {}): Promise<boolean> {
  if (options.fresh && holdsInserts(db)) {
    await insertSoon(db, 'messages', [row], { ignoreConflictOn: 'idempotency_key' });
    return true;
  }
  return (await insertRows(db, 'messages', [row], { ignoreConflictOn: 'idempotency_key' })) > 0n;
}

export async function findMessage(db: Executor, id: string): Promise<MessagesTable | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMessageByKey(db: Executor, key: string): Promise<MessagesTable | undefined> {
  return db.selectFrom('messages').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

/** Moves a message from one of `from` to `to` (and sets `set`); false when it was not in `from` (another worker got there first). */
export async function moveMessage(db: Executor, id: string, from: readonly string[], set: Partial<MessagesTable> & { status: string; updated_at: string }): Promise<boolean> {
  const r = await db.updateTable('messages').set(set).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Newest first. */
export async function listMessages(db: Executor, q: MessageListQuery) {
  const after = decodeCursor(q.cursor);
  let query = db.selectFrom('messages').selectAll();
  if (q.customerId) query = query.where('customer_id', '=', q.customerId);
  if (q.orderId) query = query.where('order_id', '=', q.orderId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.channel) query = query.where('channel', '=', q.channel);
  if (after) query = query.where('id', '<', after);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const data = rows.slice(0, q.limit);
  return { data: data.map(toMessage), nextCursor: rows.length > q.limit ? encodeCursor(data[data.length - 1]!.id) : null };
}

// ---- templates ----

function toTemplate(v: MessageTemplateVersionsTable): MessageTemplate {
  return {
    key: v.key as TemplateKey,
    channel: v.channel as MessageChannel,
    locale: v.locale as Locale,
    version: v.version,
    subject: v.subject,
    text: v.text,
    html: v.html,
    attachments: JSON.parse(v.attachments) as TemplateAttachment[],
    updatedAt: v.created_at,
    updatedBy: v.created_by,
  };
}

export function shippedTemplate(key: TemplateKey, channel: MessageChannel, locale: Locale): MessageTemplate {
  return { key, channel, locale, version: 0, ...defaultTemplate(key, channel, locale), updatedAt: null, updatedBy: null };
}

/** The current version of a template: the last one saved, or the shipped default (version 0). */
export async function currentTemplate(db: Executor, key: TemplateKey, channel: MessageChannel, locale: Locale): Promise<MessageTemplate> {
  const head = await db.selectFrom('message_templates').select('current_version').where('key', '=', key).where('channel', '=', channel).where('locale', '=', locale).executeTakeFirst();
  if (!head) return shippedTemplate(key, channel, locale);
  const row = await templateVersionRow(db, key, channel, locale, head.current_version);
  return row ? toTemplate(row) : shippedTemplate(key, channel, locale);
}

async function templateVersionRow(db: Executor, key: string, channel: string, locale: string, version: number) {
  return db.selectFrom('message_template_versions').selectAll().where('key', '=', key).where('channel', '=', channel).where('locale', '=', locale).where('version', '=', version).executeTakeFirst();
}

/** A given version (0 = shipped), or undefined. */
export async function templateVersion(db: Executor, key: TemplateKey, channel: MessageChannel, locale: Locale, version: number): Promise<MessageTemplate | undefined> {
  if (version === 0) return shippedTemplate(key, channel, locale);
  const row = await templateVersionRow(db, key, channel, locale, version);
  return row ? toTemplate(row) : undefined;
}

/** Current heads of every edited template. */
export async function editedTemplates(db: Executor): Promise<MessageTemplate[]> {
  const rows = await db
    .selectFrom('message_templates as t')
    .innerJoin('message_template_versions as v', (j) => j.onRef('v.key', '=', 't.key').onRef('v.channel', '=', 't.channel').onRef('v.locale', '=', 't.locale').onRef('v.version', '=', 't.current_version'))
    .selectAll('v')
    .execute();
  return rows.map(toTemplate);
}

/** Newest first, ending with the shipped version 0. */
export async function templateHistory(db: Executor, key: TemplateKey, channel: MessageChannel, locale: Locale): Promise<MessageTemplate[]> {
  const rows = await db.selectFrom('message_template_versions').selectAll().where('key', '=', key).where('channel', '=', channel).where('locale', '=', locale).orderBy('version', 'desc').execute();
  return [...rows.map(toTemplate), shippedTemplate(key, channel, locale)];
}

export async function insertTemplateVersion(db: Executor, row: MessageTemplateVersionsTable): Promise<void> {
  await db.insertInto('message_template_versions').values(row).execute();
  await db
    .insertInto('message_templates')
    .values({ key: row.key, channel: row.channel, locale: row.locale, current_version: row.version, updated_at: row.created_at })
    .onConflict((oc) => oc.columns(['key', 'channel', 'locale']).doUpdateSet({ current_version: row.version, updated_at: row.created_at }))
    .execute();
}

export async function latestTemplateVersion(db: Executor, key: string, channel: string, locale: string): Promise<number> {
  const r = await db.selectFrom('message_template_versions').select((eb) => eb.fn.max('version').as('v')).where('key', '=', key).where('channel', '=', channel).where('locale', '=', locale).executeTakeFirst();
  return Number(r?.v ?? 0);
}

// ---- rules ----

function toRule(r: MessageRulesTable): MessageRule {
  return {
    event: r.event as MessageEventKey,
    enabled: r.enabled === 1,
    templateKey: r.template_key as TemplateKey,
    channels: JSON.parse(r.channels) as RuleChannel[],
    quietHoursStart: r.quiet_hours_start,
    quietHoursEnd: r.quiet_hours_end,
    timeZone: r.time_zone,
    delayMinutes: r.delay_minutes,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function findRule(db: Executor, event: MessageEventKey): Promise<MessageRule> {
  const row = await db.selectFrom('message_rules').selectAll().where('event', '=', event).executeTakeFirst();
  return row ? toRule(row) : defaultRule(event);
}

export async function savedRules(db: Executor): Promise<MessageRule[]> {
  return (await db.selectFrom('message_rules').selectAll().execute()).map(toRule);
}

export async function upsertRule(db: Executor, row: MessageRulesTable): Promise<void> {
  const { event: _event, ...rest } = row;
  await db.insertInto('message_rules').values(row).onConflict((oc) => oc.column('event').doUpdateSet(rest)).execute();
}

