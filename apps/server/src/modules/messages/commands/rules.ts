import type { MessageEventKey, MessageRule, UpdateMessageRuleRequest } from '@ordercare/contracts';
import { MESSAGE_EVENT_KEYS } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor, Tx } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { MessageError } from '../message.js';
import { findRule, savedRules, upsertRule } from '../messages.repo.js';
import { defaultRule } from '../rules.js';

/** The rule of every journey event: the saved one or the default. */
export async function listRules(db: Executor): Promise<MessageRule[]> {
  const saved = new Map((await savedRules(db)).map((r) => [r.event, r]));
  return MESSAGE_EVENT_KEYS.map((e) => saved.get(e) ?? defaultRule(e));
}

export async function updateRule(tx: Tx, deps: Pick<Deps, 'clock'>, actor: Actor, event: MessageEventKey, body: UpdateMessageRuleRequest, ifMatch: number | undefined, requestId?: string): Promise<Result<MessageRule, MessageError>> {
  const before = await findRule(tx, event);
  if (ifMatch !== undefined && ifMatch !== before.version) return err({ code: 'version_conflict', current: before.version });
  const at = deps.clock.now().toISOString();
  const next = before.version + 1;
  await upsertRule(tx, {
    event,
    enabled: body.enabled ? 1 : 0,
    template_key: body.templateKey,
    channels: JSON.stringify([...new Set(body.channels)]),
    quiet_hours_start: body.quietHoursStart,
    quiet_hours_end: body.quietHoursEnd,
    time_zone: body.timeZone,
    delay_minutes: body.delayMinutes,
    version: next,
    updated_at: at,
  });
  await recordAudit(tx, { actor, action: 'message_rule.updated', entityType: 'message_rule', entityId: event, before: { ...before }, after: { ...body }, at, requestId });
  return ok(await findRule(tx, event));
}
