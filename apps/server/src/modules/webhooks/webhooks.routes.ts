import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateWebhookRequest, IdParams, PageQuery, UpdateWebhookRequest, Webhook, WebhookDelivery, WebhookDeliveryList, WebhookList, WebhookWithSecret, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { createWebhook } from './commands/create-webhook.js';
import { deleteWebhook } from './commands/delete-webhook.js';
import { redeliver } from './commands/redeliver.js';
import { rotateWebhookSecret } from './commands/rotate-secret.js';
import { updateWebhook } from './commands/update-webhook.js';
import { webhookProblem } from './webhooks.problems.js';
import { findSubscription, listDeliveries, listSubscriptions, toWebhook } from './webhooks.repo.js';

/** Subscriptions hold secrets and point the server at the network: admins only; managers may read. */
export const WEBHOOK_ADMINS: readonly StaffRole[] = ['admin'];
export const WEBHOOK_READERS: readonly StaffRole[] = ['admin', 'manager'];

const IfMatchHeaders = z.object({ 'if-match': z.string().optional().describe('"<version>": answers 412 version_conflict when stale') });

export function registerWebhookRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.post('/api/v1/webhooks', {
    config: { access: WEBHOOK_ADMINS },
    schema: { tags, summary: 'Subscribe a URL to event types; the answer carries the signing secret, shown only this once', body: CreateWebhookRequest, response: { 201: WebhookWithSecret } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => createWebhook(tx, deps, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, webhookProblem(result.error));
    return reply.code(201).send(result.value);
  });

  r.get('/api/v1/webhooks', {
    config: { access: WEBHOOK_READERS },
    schema: { tags, summary: 'Webhook subscriptions (oldest first); secrets only as a hint', querystring: PageQuery, response: { 200: WebhookList } },
  }, async (request) => listSubscriptions(deps.db, request.query));

  r.get('/api/v1/webhooks/:id', {
    config: { access: WEBHOOK_READERS },
    schema: { tags, summary: 'One subscription', params: IdParams, response: { 200: Webhook } },
  }, async (request, reply) => {
    const row = await findSubscription(deps.db, request.params.id);
    if (!row) return sendProblem(reply, webhookProblem({ code: 'not_found', id: request.params.id }));
    return toWebhook(row);
  });

  r.patch('/api/v1/webhooks/:id', {
    config: { access: WEBHOOK_ADMINS },
    schema: { tags, summary: 'Change url, events, description, or activate / deactivate', params: IdParams, headers: IfMatchHeaders, body: UpdateWebhookRequest, response: { 200: Webhook } },
  }, async (request, reply) => {
    const raw = request.headers['if-match'];
    let ifMatch: number | undefined;
    if (raw !== undefined) {
      const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
      if (!m) return sendProblem(reply, webhookProblem({ code: 'bad_if_match', value: raw }));
      ifMatch = Number(m[1]);
    }
    const result = await inTransaction(deps.db, (tx) => updateWebhook(tx, deps, actorOf(request.principal), request.params.id, request.body, ifMatch, request.id));
    if (!result.ok) return sendProblem(reply, webhookProblem(result.error));
    return result.value;
  });

  r.delete('/api/v1/webhooks/:id', {
    config: { access: WEBHOOK_ADMINS },
    schema: { tags, summary: 'Delete a subscription and its delivery log', params: IdParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => deleteWebhook(tx, deps, actorOf(request.principal), request.params.id, request.id));
    if (!result.ok) return sendProblem(reply, webhookProblem(result.error));
    return reply.code(204).send(null);
  });

  r.post('/api/v1/webhooks/:id/rotate-secret', {
    config: { access: WEBHOOK_ADMINS },
    schema: { tags, summary: 'Replace the signing secret at once; the new secret is shown only in this answer', params: IdParams, response: { 200: WebhookWithSecret } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => rotateWebhookSecret(tx, deps, actorOf(request.principal), request.params.id, request.id));
    if (!result.ok) return sendProblem(reply, webhookProblem(result.error));
    return result.value;
  });

  r.get('/api/v1/webhooks/:id/deliveries', {
    config: { access: WEBHOOK_READERS },
    schema: { tags, summary: 'The delivery log, newest first: status, attempts with time, HTTP status, the first 2 KB of the answer, duration and error', params: IdParams, querystring: PageQuery, response: { 200: WebhookDeliveryList } },
  }, async (request, reply) => {
    const sub = await findSubscription(deps.db, request.params.id);
    if (!sub) return sendProblem(reply, webhookProblem({ code: 'not_found', id: request.params.id }));
    return listDeliveries(deps.db, sub.id, request.query);
  });

  r.post('/api/v1/webhooks/deliveries/:id/redeliver', {
    config: { access: WEBHOOK_ADMINS },
    schema: { tags, summary: 'Send a delivery again now (one manual attempt, recorded in the log); 202', params: IdParams, response: { 202: WebhookDelivery } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => redeliver(tx, deps, actorOf(request.principal), request.params.id, request.id));
    if (!result.ok) return sendProblem(reply, webhookProblem(result.error));
    deps.wakeWorker();
    return reply.code(202).send(result.value);
  });
}
