import type { UpdateMeRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import { inTransaction } from '../../../platform/db/index.js';
import type { PortalAccountsTable, UsersTable } from '../../../platform/db/schema.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { auditableUser, type IdentityError } from '../identity.js';
import * as repo from '../identity.repo.js';

/** A staff member changes their own name or language. */
export function updateMe(deps: Deps, actor: Actor & { id: string }, input: UpdateMeRequest, requestId?: string): Promise<Result<UsersTable, IdentityError>> {
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const before = await repo.findUserById(tx, actor.id);
    if (!before) return err({ code: 'not_found', entity: 'user', id: actor.id });
    const after: UsersTable = { ...before, ...(input.name ? { name: input.name } : {}), ...(input.locale ? { locale: input.locale } : {}), updated_at: now };
    await repo.updateUser(tx, actor.id, { name: after.name, locale: after.locale, updated_at: now });
    await recordAudit(tx, { actor, action: 'user.updated', entityType: 'user', entityId: actor.id, before: auditableUser(before), after: auditableUser(after), at: now, requestId });
    return ok(after);
  });
}

/** A customer changes their own portal name or language. */
export function updatePortalAccount(deps: Deps, actor: Actor & { id: string }, input: UpdateMeRequest, requestId?: string): Promise<Result<PortalAccountsTable, IdentityError>> {
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const before = await repo.findPortalAccountById(tx, actor.id);
    if (!before) return err({ code: 'not_found', entity: 'portal account', id: actor.id });
    const after: PortalAccountsTable = { ...before, ...(input.name ? { name: input.name } : {}), ...(input.locale ? { locale: input.locale } : {}) };
    await repo.updatePortalAccount(tx, actor.id, { name: after.name, locale: after.locale });
    await recordAudit(tx, { actor, action: 'portal_account.updated', entityType: 'portal_account', entityId: actor.id, before: { name: before.name, locale: before.locale }, after: { name: after.name, locale: after.locale }, at: now, requestId });
    return ok(after);
  });
}
