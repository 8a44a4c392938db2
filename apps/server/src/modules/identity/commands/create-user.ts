import type { CreateUserRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { hashPassword, type Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { UsersTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { auditableUser, type IdentityError } from '../identity.js';
import * as repo from '../identity.repo.js';

/** Creates a staff user. Hash the password first with `hashPassword` (slow: keep it outside the transaction). */
export async function insertStaffUser(tx: Executor, clock: Clock, actor: Actor, input: Omit<CreateUserRequest, 'password'> & { passwordHash: string }, requestId?: string): Promise<Result<UsersTable, IdentityError>> {
  const now = clock.now().toISOString();
  const existing = await repo.findUserByEmail(tx, input.email);
  if (existing) return err({ code: 'email_taken', existingId: existing.id });
  const row: UsersTable = {
    id: newId('usr'),
    email: input.email,
    name: input.name,
    role: input.role,
    locale: input.locale,
    password_hash: input.passwordHash,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await repo.insertUser(tx, row);
  await recordAudit(tx, { actor, action: 'user.created', entityType: 'user', entityId: row.id, after: auditableUser(row), at: now, requestId });
  return ok(row);
}

export async function createUser(deps: Deps, actor: Actor, input: CreateUserRequest, requestId?: string): Promise<Result<UsersTable, IdentityError>> {
  const { password, ...rest } = input;
  const passwordHash = await hashPassword(password);
  return inTransaction(deps.db, (tx) => insertStaffUser(tx, deps.clock, actor, { ...rest, passwordHash }, requestId));
}
