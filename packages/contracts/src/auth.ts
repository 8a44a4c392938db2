import { z } from 'zod';
import { Email, Locale, StaffRole } from './common.js';

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1, 'is required').max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const StaffUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  locale: Locale,
});
export type StaffUser = z.infer<typeof StaffUser>;

/** Answer of staff login and `GET /auth/me`. Send `csrfToken` back in `X-CSRF-Token` on writes. */
export const StaffSession = z.object({ user: StaffUser, csrfToken: z.string() });
export type StaffSession = z.infer<typeof StaffSession>;

export const UpdateMeRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  locale: Locale.optional(),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

export const PortalAccount = z.object({
  id: z.string(),
  customerId: z.string(),
  email: z.string(),
  name: z.string(),
  locale: Locale,
});
export type PortalAccount = z.infer<typeof PortalAccount>;

/** Answer of portal login and `GET /portal/auth/me`. */
export const PortalSession = z.object({ account: PortalAccount, csrfToken: z.string() });
export type PortalSession = z.infer<typeof PortalSession>;
