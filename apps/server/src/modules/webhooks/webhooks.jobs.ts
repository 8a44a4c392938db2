import type { Deps } from '../../deps.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import { attemptDelivery } from './commands/attempt-delivery.js';
import { fanOut } from './commands/fan-out.js';
import { DELIVERY_DUE } from './webhook.js';

/** Fan-out of every public event to matching subscriptions, and the delivery attempts. */
export function webhooksHandlers(deps: Deps): OutboxHandler[] {
  return [
    { name: 'webhooks.fanout', events: '*', transactional: true, handle: (ctx) => fanOut(deps, ctx) },
    { name: 'webhooks.deliver', events: [DELIVERY_DUE], handle: (ctx) => attemptDelivery(deps, ctx) },
  ];
}
