import type { Deps } from '../../../deps.js';
import { FailureLimiter, sha256, verifyPassword, type Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import { addMs } from '../../../platform/clock.js';
import { newToken } from '../../../platform/ids.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { PortalAccountsTable, UsersTable } from '../../../platform/db/schema.js';
import { SESSION_IDLE_MS, type IdentityError } from '../identity.js';
import * as repo from '../identity.repo.js';

/** Login throttles: per address and email, and per address overall. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

export function createLoginLimiters() {
  return { perAccount: new FailureLimiter(5, LOGIN_WINDOW_MS), perAddress: new FailureLimiter(50, LOGIN_WINDOW_MS) };
}
export type LoginLimiters = ReturnType<typeof createLoginLimiters>;

export type SignedIn<S> = { subject: S; token: string; csrfToken: string };

interface SignInInput {
  email: string;
  password: string;
  ip: string;
  requestId: string;
}

export function signInStaff(deps: Deps, limiters: LoginLimiters, input: SignInInput) {
  return signIn<UsersTable>(deps, limiters, input, 'staff', (email) => repo.findUserByEmail(deps.db, email));
}

export function signInPortal(deps: Deps, limiters: LoginLimiters, input: SignInInput) {
  return signIn<PortalAccountsTable>(deps, limiters, input, 'portal', (email) => repo.findPortalAccountByEmail(deps.db, email));
}

/**
 * Checks the password and opens a session. Unknown email, wrong password and disabled account all
 * answer the same `invalid_credentials` after the same argon2 work, so nothing reveals which
 * emails exist. Repeated failures are throttled.
 */
async function signIn<S extends { id: string; password_hash: string; active: number }>(
  deps: Deps,
  limiters: LoginLimiters,
  input: SignInInput,
  kind: 'staff' | 'portal',
  find: (email: string) => Promise<S | undefined>,
): Promise<Result<SignedIn<S>, IdentityError>> {
  const accountKey = `${kind}|${input.ip}|${input.email}`;
  if (limiters.perAccount.isBlocked(accountKey) || limiters.perAddress.isBlocked(input.ip)) return err({ code: 'rate_limited' });
  const subject = await find(input.email);
  const valid = await verifyPassword(subject?.password_hash, input.password);
  if (!subject || !valid || subject.active !== 1) {
    limiters.perAccount.recordFailure(accountKey);
    limiters.perAddress.recordFailure(input.ip);
    return err({ code: 'invalid_credentials' });
  }
  limiters.perAccount.reset(accountKey);
  const token = newToken();
  const csrfToken = newToken();
  const now = deps.clock.now().toISOString();
  const actor: Actor = { type: kind === 'staff' ? 'user' : 'portal', id: subject.id };
  await deps.db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, {
      id: sha256(token),
      kind,
      subject_id: subject.id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: addMs(now, SESSION_IDLE_MS),
      last_seen_at: now,
    });
    await recordAudit(tx, { actor, action: 'session.signed_in', entityType: kind === 'staff' ? 'user' : 'portal_account', entityId: subject.id, at: now, requestId: input.requestId });
  });
  return ok({ subject, token, csrfToken });
}
