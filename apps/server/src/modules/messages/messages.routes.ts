import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, IdParams, Message, MessageEventKey, MessageList, MessageListQuery, MessageRule, MessageRuleList, MessagesStatus, SendMessageRequest, STAFF_ROLES, UpdateMessageRuleRequest, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { channelsOf } from './channels/registry.js';
import { resendMessage } from './commands/resend-message.js';
import { listRules, updateRule } from './commands/rules.js';
import { sendToCustomer } from './commands/send-to-customer.js';
import { messageProblem } from './messages.problems.js';
import { listMessages } from './messages.repo.js';
import { TEMPLATE_EDITORS } from './templates.routes.js';

export const MESSAGE_READERS: readonly StaffRole[] = STAFF_ROLES;
export const MESSAGE_SENDERS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support'];

const IfMatchHeaders = z.object({ 'if-match': z.string().optional().describe('"<version>": answers 412 version_conflict when stale') });

export function registerMessageRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['messages'];

  r.get('/api/v1/messages/status', {
    config: { access: MESSAGE_READERS },
    schema: { tags, summary: 'Whether email (SMTP_URL) and SMS are configured; without them messages are kept, not sent', response: { 200: MessagesStatus } },
  }, async () => {
    const channels = channelsOf(deps);
    return { emailConfigured: channels.email.configured, smsConfigured: channels.sms.configured };
  });

  r.get('/api/v1/messages', {
    config: { access: MESSAGE_READERS },
    schema: { tags, summary: 'Messages, newest first, with their delivery status; filter by customer, order, status, channel', querystring: MessageListQuery, response: { 200: MessageList } },
  }, async (request) => listMessages(deps.db, request.query));

  r.post('/api/v1/messages', {
    config: { access: MESSAGE_SENDERS },
    schema: { tags, summary: 'Send a one-off message to a customer from a template (rendered for the order) or free text (honours Idempotency-Key); 201 queued', headers: IdempotencyHeaders, body: SendMessageRequest, response: { 201: Message } },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => sendToCustomer(tx, deps, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, messageProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.post('/api/v1/messages/:id/resend', {
    config: { access: MESSAGE_SENDERS },
    schema: { tags, summary: 'Queue a failed, bounced or kept (queued) message again: staff decided after "outcome unknown" or a failure', params: IdParams, response: { 202: Message } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => resendMessage(tx, deps, actorOf(request.principal), request.params.id, request.id));
    if (!result.ok) return sendProblem(reply, messageProblem(result.error));
    deps.wakeWorker();
    return reply.code(202).send(result.value);
  });

  r.get('/api/v1/message-rules', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'The automation rule of every journey event (channels in order, quiet hours, delay)', response: { 200: MessageRuleList } },
  }, async () => ({ data: await listRules(deps.db) }));

  r.put('/api/v1/message-rules/:event', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'Replace the rule of a journey event', params: z.strictObject({ event: MessageEventKey }), headers: IfMatchHeaders, body: UpdateMessageRuleRequest, response: { 200: MessageRule } },
  }, async (request, reply) => {
    const raw = request.headers['if-match'];
    const m = raw === undefined ? null : /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
    const ifMatch = m ? Number(m[1]) : undefined;
    const result = await inTransaction(deps.db, (tx) => updateRule(tx, deps, actorOf(request.principal), request.params.event, request.body, ifMatch, request.id));
    if (!result.ok) return sendProblem(reply, messageProblem(result.error));
    return result.value;
  });
}
