import type { Deps } from '../../deps.js';
import { SYSTEM_ACTOR } from '../../platform/auth/index.js';
import { createPortalAccount } from './commands/portal-accounts.js';
import { createUser } from './commands/create-user.js';

export const DEMO_ADMIN = { email: 'admin@example.com', password: 'ordercare-demo' } as const;
export const DEMO_CUSTOMER = { email: 'customer@example.com', password: 'ordercare-demo', customerId: 'cus_demo' } as const;

/** Demo sign-ins, created only when the database has no staff user yet. Returns whether it seeded. */
export async function seedDemoIdentity(deps: Deps): Promise<boolean> {
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return false;
  const admin = await createUser(deps, SYSTEM_ACTOR, { email: DEMO_ADMIN.email, name: 'Demo Admin', role: 'admin', password: DEMO_ADMIN.password, locale: 'en' });
  if (!admin.ok) throw new Error(`could not seed the demo admin: ${admin.error.code}`);
  const staff = [
    { email: 'sales@example.com', name: 'Li Na', role: 'sales', locale: 'zh-CN' },
    { email: 'warehouse@example.com', name: 'Tom Baker', role: 'warehouse', locale: 'en' },
    { email: 'finance@example.com', name: 'Wang Fang', role: 'finance', locale: 'zh-CN' },
  ] as const;
  for (const s of staff) await createUser(deps, SYSTEM_ACTOR, { ...s, password: DEMO_ADMIN.password });
  await createPortalAccount(deps, SYSTEM_ACTOR, { customerId: DEMO_CUSTOMER.customerId, email: DEMO_CUSTOMER.email, name: 'Demo Customer', locale: 'en', password: DEMO_CUSTOMER.password });
  return true;
}
