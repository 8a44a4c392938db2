import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerWebhookRoutes } from './webhooks.routes.js';

export { webhooksHandlers } from './webhooks.jobs.js';
export { DELIVERY_DUE } from './webhook.js';
export { signatureHeader, signatureOf, verifySignature, newWebhookSecret, DEFAULT_TOLERANCE_SECONDS } from './signing.js';
export { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './schedule.js';
export { WEBHOOK_ADMINS, WEBHOOK_READERS } from './webhooks.routes.js';

export function registerWebhooksRoutes(app: App, deps: Deps): void {
  registerWebhookRoutes(app, deps);
}
