import type { PortalAccount, StaffRole, StaffUser, Locale, UserRecord, ApiKeyRecord } from '@ordercare/contracts';
import type { ApiKeysTable, PortalAccountsTable, UsersTable } from '../../platform/db/schema.js';

/** Staff sessions expire after this long without use. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** Sessions are extended at most this often, so reads do not write on every request. */
export const SESSION_TOUCH_MS = 5 * 60_000;
export const STAFF_COOKIE = 'oc_session';
export const PORTAL_COOKIE = 'oc_portal';
export const API_KEY_PREFIX = 'oc_';

export type IdentityError =
  | { code: 'invalid_credentials' }
  | { code: 'rate_limited' }
  | { code: 'email_taken'; existingId: string }
  | { code: 'not_found'; entity: string; id: string };

export function toStaffUser(u: UsersTable): StaffUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role as StaffRole, locale: u.locale as Locale };
}

export function toUserRecord(u: UsersTable): UserRecord {
  return { ...toStaffUser(u), active: u.active === 1, createdAt: u.created_at };
}

export function toPortalAccount(a: PortalAccountsTable): PortalAccount {
  return { id: a.id, customerId: a.customer_id, email: a.email, name: a.name, locale: a.locale as Locale };
}

export function toApiKeyRecord(k: ApiKeysTable): ApiKeyRecord {
  return {
    id: k.id,
    name: k.name,
    role: k.role as StaffRole,
    prefix: k.prefix,
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at,
    revokedAt: k.revoked_at,
  };
}

/** What the audit log sees of a user: never the hash itself. */
export function auditableUser(u: UsersTable): Record<string, unknown> {
  return { email: u.email, name: u.name, role: u.role, locale: u.locale, active: u.active === 1, password: u.password_hash };
}
