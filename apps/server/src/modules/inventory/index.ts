import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';

export function registerInventoryRoutes(_app: App, _deps: Deps): void {}

export function inventoryHandlers(_deps: Deps): OutboxHandler[] {
  return [];
}
