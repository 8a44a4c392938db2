import type { CreateSavedViewRequest, SavedView } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { auditableView, toSavedView, type ViewsError } from '../saved-view.js';
import * as repo from '../views.repo.js';

/** Saves the user's filters under a name; the same name on the same page is `duplicate_view`. */
export async function createSavedView(tx: Executor, deps: Pick<Deps, 'clock'>, actor: Actor, userId: string, input: CreateSavedViewRequest, requestId?: string): Promise<Result<SavedView, ViewsError>> {
  const now = deps.clock.now().toISOString();
  const row = { id: newId('viw'), owner_id: userId, page: input.page, name: input.name, query: JSON.stringify(input.query), created_at: now };
  if (!(await repo.insertView(tx, row))) {
    const existing = await repo.findViewByName(tx, userId, input.page, input.name);
    return err({ code: 'duplicate_view', page: input.page, name: input.name, existingId: existing?.id ?? null });
  }
  await recordAudit(tx, { actor, action: 'saved_view.created', entityType: 'saved_view', entityId: row.id, after: auditableView(row), at: now, requestId });
  return ok(toSavedView(row));
}

/** Deletes one of the user's own views; another user's view is `view_not_found`. */
export async function deleteSavedView(tx: Executor, deps: Pick<Deps, 'clock'>, actor: Actor, userId: string, id: string, requestId?: string): Promise<Result<SavedView, ViewsError>> {
  const row = await repo.findOwnView(tx, userId, id);
  if (!row || !(await repo.deleteView(tx, userId, id))) return err({ code: 'view_not_found', id });
  await recordAudit(tx, { actor, action: 'saved_view.deleted', entityType: 'saved_view', entityId: row.id, before: auditableView(row), at: deps.clock.now().toISOString(), requestId });
  return ok(toSavedView(row));
}
