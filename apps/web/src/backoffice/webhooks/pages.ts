/** Entry of the webhooks chunk (loaded lazily by the router). */
export { WebhooksPage } from './WebhooksPage';
export { WebhookDetailPage } from './WebhookDetailPage';
