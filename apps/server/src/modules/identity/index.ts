import type { Deps } from '../../deps.js';
import type { Executor } from '../../platform/db/index.js';
import type { App } from '../../platform/http/index.js';
import { registerIdentityAdminRoutes } from './admin.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { createLoginLimiters } from './commands/sign-in.js';
import * as repo from './identity.repo.js';

export { createAuthenticator } from './commands/authenticate.js';
export { createApiKey } from './commands/api-keys.js';
export { createUser } from './commands/create-user.js';
export { createPortalAccount } from './commands/portal-accounts.js';
export { deleteExpiredSessions } from './identity.repo.js';
export { DEMO_ADMIN, DEMO_CUSTOMER, seedDemoIdentity } from './seed.js';

export function registerIdentityRoutes(app: App, deps: Deps): void {
  registerAuthRoutes(app, deps, createLoginLimiters());
  registerIdentityAdminRoutes(app, deps);
}

/** A staff user as other modules see it (customers' account managers, for example). */
export interface StaffUserRef {
  id: string;
  email: string;
  name: string;
  active: boolean;
}

/** An active staff user by id or email, or null when unknown or disabled. */
export async function findStaffUser(db: Executor, by: { id: string } | { email: string }): Promise<StaffUserRef | null> {
  const row = 'id' in by ? await repo.findUserById(db, by.id) : await repo.findUserByEmail(db, by.email.trim().toLowerCase());
  return row && row.active === 1 ? { id: row.id, email: row.email, name: row.name, active: true } : null;
}

/** Staff users by id (active or not), for showing names next to ids. */
export async function staffUsersById(db: Executor, ids: readonly string[]): Promise<Map<string, StaffUserRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'active']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, email: r.email, name: r.name, active: r.active === 1 }]));
}
