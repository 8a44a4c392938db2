import type { Deps } from '../../deps.js';
import { prefetchCustomers } from '../customers/index.js';
import { prefetchOrders } from '../orders/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import type { ChannelRegistry } from './channels/index.js';
import { createJourneyMessage, finishJourneyMessage, planJourneyMessage, storeJourneyMessage, type ComposedMessage } from './commands/create-journey-message.js';
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
      // Decided and rendered before the batch's transaction, so the render (in a thread under
      // `serve`) holds no connection; stored in the transaction, exactly once.
      ahead: async (db, events) => {
        const items = events.flatMap((event) => {
          const journey = journeyMessageOf(event.type, event.payload);
          return journey ? [{ event, journey }] : [];
        });
        // Read only: on SQLite it then waits for no commit of the requests' writes around it.
        const plans = await db.transaction().setAccessMode('read only').execute(async (tx) => {
          await prefetchCustomers(tx, items.map((i) => i.journey.customerId));
          await prefetchOrders(tx, items.flatMap((i) => i.journey.orderId ?? []));
          const out = [];
          for (const { event, journey } of items) out.push(await planJourneyMessage(tx, deps, channels, event, journey));
          return out;
        });
        const outcomes = await deps.renderer.renderAll(plans.flatMap((p) => (p ? [p.job] : [])));
        const composed = new Map<string, ComposedMessage | null>();
        let next = 0;
        items.forEach(({ event }, i) => {
          const plan = plans[i];
          composed.set(event.id, plan ? finishJourneyMessage(plan, outcomes[next++]!, channels) : null);
        });
        return composed;
      },
      handle: async (ctx) => {
        const journey = journeyMessageOf(ctx.event.type, ctx.event.payload);
        if (!journey) return;
        // null ahead: no message is due (no such customer, the rule switched off).
        const ahead = ctx.ahead as ComposedMessage | null | undefined;
        await ctx.once(async (tx) => {
          if (ahead === undefined) return createJourneyMessage(tx, deps, channels, ctx.event, journey);
          return ahead && storeJourneyMessage(tx, channels, ctx.event, ahead);
        });
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
