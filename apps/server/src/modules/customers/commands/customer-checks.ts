import type { Deps } from '../../../deps.js';
import type { Executor } from '../../../platform/db/index.js';
import { err, type Result } from '../../../platform/result.js';
import { findStaffUser } from '../../identity/index.js';
import type { CustomerError, FieldIssue } from '../customer.js';
import * as repo from '../customer.repo.js';

type Identity = { email?: string | null | undefined; taxId?: string | null | undefined };

/** Another customer with the same email or tax id, as the error that names it. */
export async function findDuplicate(db: Executor, input: Identity, exceptId?: string): Promise<CustomerError | null> {
  if (input.email) {
    const existing = await repo.findByEmail(db, input.email);
    if (existing && existing.id !== exceptId) return { code: 'duplicate_customer', field: 'email', existing };
  }
  if (input.taxId) {
    const existing = await repo.findByTaxId(db, input.taxId);
    if (existing && existing.id !== exceptId) return { code: 'duplicate_customer', field: 'taxId', existing };
  }
  return null;
}

/** The account manager must be an active staff user; returns its name for the answer. */
export async function checkAccountManager(db: Executor, id: string | null | undefined): Promise<{ name: string | null; issue: FieldIssue | null }> {
  if (id === null || id === undefined) return { name: null, issue: null }; // "" is checked (and refused), not stored
  const user = await findStaffUser(db, { id });
  return user ? { name: user.name, issue: null } : { name: null, issue: { path: 'accountManagerId', message: `is not an active staff user (${id})` } };
}

/**
 * Runs a write and turns a unique-index violation on customers (two transactions that both passed
 * the duplicate check, committing at the same time) into the same `duplicate_customer` answer.
 * The unique indexes on email and tax id are what make concurrent creates safe; the check inside
 * the transaction only gives the common case a clean answer without an exception.
 */
export async function guardDuplicates<T>(deps: Pick<Deps, 'db' | 'ops'>, input: Identity, exceptId: string | undefined, write: () => Promise<Result<T, CustomerError>>): Promise<Result<T, CustomerError>> {
  try {
    return await write();
  } catch (e) {
    if (!deps.ops.isUniqueViolation(e)) throw e;
    const duplicate = await findDuplicate(deps.db, input, exceptId);
    if (duplicate) return err(duplicate);
    throw e;
  }
}
