import type { Channel } from './channel.js';

/**
 * The customer portal inbox: the message row itself is the inbox entry, so "sending" only marks it
 * delivered. Repeating that is harmless, hence `acceptsIdempotencyKey`.
 */
export function createPortalChannel(): Channel {
  return {
    id: 'portal',
    configured: true,
    acceptsIdempotencyKey: true,
    send: () => Promise.resolve({ ok: true, providerMessageId: null, status: 'delivered' }),
  };
}
