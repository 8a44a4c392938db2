import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ContactLogEntry, ContactLogList, IdempotencyHeaders, IdParams, LogContactRequest, PageQuery } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { listContacts } from './commands/list-contacts.js';
import { logContact } from './commands/log-contact.js';
import { inboxProblem } from './inbox.problems.js';
import { INBOX_STAFF } from './inbox.routes.js';

/** Calls and meetings staff record on a customer; each lands on the customer timeline as `contact.logged`. */
export function registerContactRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];

  r.post('/api/v1/customers/:id/contact-log', {
    config: { access: INBOX_STAFF },
    schema: { tags, summary: 'Log a phone call, video call or meeting with the customer (outcome, notes, optional order and follow-up date). Honours Idempotency-Key', params: IdParams, headers: IdempotencyHeaders, body: LogContactRequest, response: { 201: ContactLogEntry } },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => logContact(tx, deps, actorOf(request.principal), request.params.id, request.body, request.id));
    if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/customers/:id/contact-log', {
    config: { access: INBOX_STAFF },
    schema: { tags, summary: "The customer's logged contacts, latest first", params: IdParams, querystring: PageQuery, response: { 200: ContactLogList } },
  }, async (request, reply) => {
    const result = await listContacts(deps.db, request.params.id, request.query);
    if (!result.ok) return sendProblem(reply, inboxProblem(result.error));
    return result.value;
  });
}
