import type { Locale } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { hashPassword, type Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import { inTransaction } from '../../../platform/db/index.js';
import type { PortalAccountsTable } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { IdentityError } from '../identity.js';
import * as repo from '../identity.repo.js';

export interface NewPortalAccount {
  customerId: string;
  email: string;
  name: string;
  locale: Locale;
  password: string;
}

/** Gives a customer a portal sign-in. */
export async function createPortalAccount(deps: Deps, actor: Actor, input: NewPortalAccount): Promise<Result<PortalAccountsTable, IdentityError>> {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const existing = await repo.findPortalAccountByEmail(tx, input.email);
    if (existing) return err({ code: 'email_taken', existingId: existing.id });
    const row: PortalAccountsTable = {
      id: newId('pac'),
      customer_id: input.customerId,
      email: input.email,
      name: input.name,
      locale: input.locale,
      password_hash: passwordHash,
      active: 1,
      created_at: now,
    };
    await repo.insertPortalAccount(tx, row);
    await recordAudit(tx, { actor, action: 'portal_account.created', entityType: 'portal_account', entityId: row.id, after: { customerId: row.customer_id, email: row.email, name: row.name }, at: now });
    return ok(row);
  });
}
