import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerViewsRoutes as register } from './views.routes.js';

/** Saved views: each staff user's named list filters (GET/POST/DELETE /api/v1/saved-views). */
export function registerViewsRoutes(app: App, deps: Deps): void {
  register(app, deps);
}
