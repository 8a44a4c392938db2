import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntry, AuditQuery, IdParams, OutboxEvent, OutboxQuery, page } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { listAudit, recordAudit } from '../../platform/audit.js';
import { problem, sendProblem, type App } from '../../platform/http/index.js';
import { getOutboxEvent, listOutboxEvents, requeueOutboxEvent, toOutboxEvent } from '../../platform/outbox/index.js';

/** Operations views: the outbox (with manual retry) and the audit log. */
export function registerSystemRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/outbox', {
    config: { access: ['admin'] },
    schema: { tags: ['operations'], summary: 'Outbox events, newest first; filter status=failed to see what needs attention', querystring: OutboxQuery, response: { 200: page(OutboxEvent) } },
  }, async (request) => listOutboxEvents(deps.db, request.query));

  r.post('/api/v1/outbox/:id/retry', {
    config: { access: ['admin'] },
    schema: { tags: ['operations'], summary: 'Queue a failed event again now, with a fresh attempt budget', params: IdParams, response: { 200: OutboxEvent } },
  }, async (request, reply) => {
    const id = request.params.id;
    const now = deps.clock.now().toISOString();
    const before = await getOutboxEvent(deps.db, id);
    if (!before) return sendProblem(reply, problem(404, 'not_found', `No outbox event with id ${id}.`));
    if (before.status === 'done') return sendProblem(reply, problem(409, 'invalid_transition', `Event ${id} was already handled; only failed or pending events can be retried.`));
    await deps.db.transaction().execute(async (tx) => {
      await requeueOutboxEvent(tx, id, now);
      await recordAudit(tx, {
        actor: actorOf(request.principal),
        action: 'outbox.retried',
        entityType: 'outbox_event',
        entityId: id,
        before: { status: before.status, attempts: before.attempts },
        after: { status: 'pending', attempts: 0 },
        at: now,
        requestId: request.id,
      });
    });
    deps.wakeWorker();
    return toOutboxEvent((await getOutboxEvent(deps.db, id))!);
  });

  r.get('/api/v1/audit-log', {
    config: { access: ['admin', 'manager'] },
    schema: { tags: ['operations'], summary: 'Who changed what and when, newest first', querystring: AuditQuery, response: { 200: page(AuditEntry) } },
  }, async (request) => listAudit(deps.db, request.query));
}
