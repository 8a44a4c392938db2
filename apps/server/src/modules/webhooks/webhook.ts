/** Expected outcomes of the webhooks use cases; webhooks.problems.ts maps them to HTTP. */
export type WebhookError =
  | { code: 'not_found'; id: string }
  | { code: 'delivery_not_found'; id: string }
  | { code: 'url_refused'; message: string }
  | { code: 'version_conflict'; current: number }
  | { code: 'bad_if_match'; value: string };

/** The outbox event that asks for one delivery attempt (payload `{ deliveryId, manual? }`). */
export const DELIVERY_DUE = 'webhook.delivery_due';

/** Does a subscription's list (`["*"]` or types) select this event type? */
export function selects(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}

/** What a receiver sees: the first 4 characters of the secret's body never, only the last 4. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}
