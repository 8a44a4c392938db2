import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';

export function registerCustomersRoutes(_app: App, _deps: Deps): void {}

export function customersHandlers(_deps: Deps): OutboxHandler[] {
  return [];
}
