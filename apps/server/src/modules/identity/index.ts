import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerIdentityAdminRoutes } from './admin.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { createLoginLimiters } from './commands/sign-in.js';

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
