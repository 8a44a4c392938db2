import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateSavedViewRequest, IdParams, SavedView, SavedViewList, SavedViewListQuery, STAFF_ROLES } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf, type Principal } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { createSavedView, deleteSavedView } from './commands/saved-views.js';
import { toSavedView } from './saved-view.js';
import { viewsProblem } from './views.problems.js';
import * as repo from './views.repo.js';

/** Whose views these are: the signed-in staff user, or the API key (ids are prefixed, so never clash). */
function ownerOf(principal: Principal | null): string {
  if (!principal) throw new Error('saved-view routes run only for authenticated staff');
  return principal.id;
}

/** Saved views: each staff user's (or API key's) named list filters, visible only to their owner. */
export function registerViewsRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/saved-views', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['views'], summary: 'Your saved views of a page, oldest first', querystring: SavedViewListQuery, response: { 200: SavedViewList } },
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal);
    const rows = await repo.listViews(deps.db, ownerId, request.query.page);
    return reply.code(200).send({ items: rows.map(toSavedView) });
  });

  r.post('/api/v1/saved-views', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['views'], summary: 'Save the current list filters under a name (409 duplicate_view when you already use the name on that page)', body: CreateSavedViewRequest, response: { 201: SavedView } },
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal);
    const result = await inTransaction(deps.db, (tx) => createSavedView(tx, deps, actorOf(request.principal), ownerId, request.body, request.id));
    if (!result.ok) return sendProblem(reply, viewsProblem(result.error));
    return reply.code(201).send(result.value);
  });

  r.delete('/api/v1/saved-views/:id', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['views'], summary: 'Delete one of your saved views (404 for any other)', params: IdParams, response: { 200: SavedView } },
  }, async (request, reply) => {
    const ownerId = ownerOf(request.principal);
    const result = await inTransaction(deps.db, (tx) => deleteSavedView(tx, deps, actorOf(request.principal), ownerId, request.params.id, request.id));
    if (!result.ok) return sendProblem(reply, viewsProblem(result.error));
    return reply.code(200).send(result.value);
  });
}
