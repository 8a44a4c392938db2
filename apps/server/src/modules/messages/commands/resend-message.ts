import type { Message } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { because, SEND_DUE, toMessage, type MessageError } from '../message.js';
import { findMessage, moveMessage } from '../messages.repo.js';

const RESENDABLE = ['failed', 'bounced', 'queued'] as const;

/**
 * Staff decided to send a message again (after "outcome unknown", a bounce, a permanent failure,
 * or once SMTP is configured): back to `queued` and one more `message.send_due`.
 */
export async function resendMessage(tx: Tx, deps: Pick<Deps, 'clock'>, actor: Actor, id: string, requestId?: string): Promise<Result<Message, MessageError>> {
  const row = await findMessage(tx, id);
  if (!row) return err({ code: 'message_not_found', id });
  if (!(RESENDABLE as readonly string[]).includes(row.status)) return err({ code: 'not_resendable', status: row.status });
  const at = deps.clock.now().toISOString();
  await moveMessage(tx, id, RESENDABLE, { status: 'queued', ...because('resent', 'resent by staff'), send_after: null, updated_at: at });
  await recordAudit(tx, { actor, action: 'message.resent', entityType: 'message', entityId: id, before: { status: row.status }, after: { status: 'queued' }, at, requestId });
  await emitEvent(tx, at, { type: SEND_DUE, aggregateType: 'message', aggregateId: id, payload: { messageId: id }, dedupeKey: `message.send:${id}:resend:${newId('rsd')}` });
  return ok(toMessage((await findMessage(tx, id))!));
}
