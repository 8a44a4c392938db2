import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';

export function registerCatalogRoutes(_app: App, _deps: Deps): void {}

export function catalogHandlers(_deps: Deps): OutboxHandler[] {
  return [];
}
