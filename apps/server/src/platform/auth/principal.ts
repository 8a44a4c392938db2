import type { StaffRole } from '@ordercare/contracts';

/** Who is calling. Cookie principals carry the CSRF token their writes must echo. */
export type Principal =
  | { kind: 'user'; id: string; role: StaffRole; via: 'cookie'; sessionId: string; csrfToken: string }
  | { kind: 'api_key'; id: string; role: StaffRole; via: 'bearer' }
  | { kind: 'portal'; id: string; customerId: string; via: 'cookie'; sessionId: string; csrfToken: string };

export type Actor = { type: 'user' | 'api_key' | 'portal' | 'system'; id: string | null };

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export function actorOf(principal: Principal | null): Actor {
  if (!principal) return SYSTEM_ACTOR;
  return { type: principal.kind, id: principal.id };
}

/** Which credentials a route accepts: staff (cookie or API key) or a portal customer's cookie. */
export type Audience = 'staff' | 'portal';
