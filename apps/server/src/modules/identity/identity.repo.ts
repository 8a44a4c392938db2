import { runReused, type Executor } from '../../platform/db/index.js';
import type { ApiKeysTable, PortalAccountsTable, SessionsTable, UsersTable } from '../../platform/db/schema.js';

export const findUserByEmail = (db: Executor, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const insertUser = (db: Executor, row: UsersTable) => db.insertInto('users').values(row).execute();

export const updateUser = (db: Executor, id: string, patch: Partial<UsersTable>) =>
  db.updateTable('users').set(patch).where('id', '=', id).execute();

export const listUsers = (db: Executor, limit: number, after?: string) => {
  let q = db.selectFrom('users').selectAll().orderBy('id').limit(limit + 1);
  if (after) q = q.where('id', '>', after);
  return q.execute();
};

export const listStaffDirectory = (db: Executor) =>
  db.selectFrom('users').select(['id', 'name', 'role', 'active']).orderBy('name').orderBy('id').execute();

export const findPortalAccountByEmail = (db: Executor, email: string) =>
  db.selectFrom('portal_accounts').selectAll().where('email', '=', email).executeTakeFirst();

export const findPortalAccountById = (db: Executor, id: string) =>
  db.selectFrom('portal_accounts').selectAll().where('id', '=', id).executeTakeFirst();

export const updatePortalAccount = (db: Executor, id: string, patch: Partial<PortalAccountsTable>) =>
  db.updateTable('portal_accounts').set(patch).where('id', '=', id).execute();

export const insertPortalAccount = (db: Executor, row: PortalAccountsTable) => db.insertInto('portal_accounts').values(row).execute();

export const insertSession = (db: Executor, row: SessionsTable) => db.insertInto('sessions').values(row).execute();

export const findSession = (db: Executor, id: string, kind: SessionsTable['kind']) =>
  db.selectFrom('sessions').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();

export const touchSession = (db: Executor, id: string, lastSeenAt: string, expiresAt: string) =>
  db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();

export const deleteSession = (db: Executor, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteExpiredSessions = (db: Executor, now: string) =>
  db.deleteFrom('sessions').where('expires_at', '<', now).execute();

export const insertApiKey = (db: Executor, row: ApiKeysTable) => db.insertInto('api_keys').values(row).execute();

/** Every API request runs this: the text is compiled once (`runReused`). */
export const findApiKeyByHash = async (db: Executor, tokenHash: string) =>
  (await runReused(db, 'api_keys.by-hash', [tokenHash], () => db.selectFrom('api_keys').selectAll().where('token_hash', '=', tokenHash))).rows[0];

export const findApiKeyById = (db: Executor, id: string) =>
  db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();

export const listApiKeys = (db: Executor) => db.selectFrom('api_keys').selectAll().orderBy('id').execute();

export const updateApiKey = (db: Executor, id: string, patch: Partial<ApiKeysTable>) =>
  db.updateTable('api_keys').set(patch).where('id', '=', id).execute();
