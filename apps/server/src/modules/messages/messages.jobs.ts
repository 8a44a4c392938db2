import type { Deps } from '../../deps.js';
import { prefetchCustomers } from '../customers/index.js';
import { prefetchOrders } from '../orders/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import type { ChannelRegistry } from './channels/index.js';
import { createJourneyMessage } from './commands/create-journey-message.js';
import { sendMessage, type SendHooks } from './commands/send-message.js';
import { JOURNEY_EVENT_TYPES, journeyMessageOf, SEND_DUE } from './message.js';

/**
 * `messages.automation` (database only, so transactional): journey events become message rows
 * exactly once. `messages.send` (network: never transactional): one attempt per `message.send_due`.
 */
export function messagesHandlers(deps: Deps, channels: ChannelRegistry, hooks: SendHooks = {}): OutboxHandler[] {
  return [
    {
      name: 'messages.automation',
      events: JOURNEY_EVENT_TYPES,
      transactional: true,
      prepare: async (tx, events) => {
        const journeys = events.flatMap((e) => journeyMessageOf(e.type, e.payload) ?? []);
        await prefetchCustomers(tx, journeys.map((j) => j.customerId));
        await prefetchOrders(tx, journeys.flatMap((j) => j.orderId ?? []));
      },
      handle: async (ctx) => {
        const journey = journeyMessageOf(ctx.event.type, ctx.event.payload);
        if (!journey) return;
        await ctx.once((tx) => createJourneyMessage(tx, deps, channels, ctx.event, journey));
      },
    },
    {
      name: 'messages.send',
      events: [SEND_DUE],
      handle: async (ctx) => {
        const id = ctx.event.payload.messageId;
        if (typeof id === 'string') await sendMessage(deps, channels, id, hooks);
      },
    },
  ];
}
