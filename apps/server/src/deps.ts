import type { Logger } from 'pino';
import type { Config } from './platform/config.js';
import type { Clock } from './platform/clock.js';
import type { Db, DialectOps } from './platform/db/index.js';
import type { Notifications } from './platform/db/notifications.js';
import type { Idempotency } from './platform/http/index.js';
import type { Renderer } from './modules/messages/index.js';

/** Everything a use case may need, built once in main.ts and passed down. No container. */
export interface Deps {
  config: Config;
  db: Db;
  ops: DialectOps;
  clock: Clock;
  logger: Logger;
  idempotency: Idempotency;
  /** Nudges the in-process outbox worker after a commit that wrote events (no-op without one). */
  wakeWorker: () => void;
  /** Changes other processes announce (PostgreSQL LISTEN in `serve`); never live elsewhere. */
  notifications: Notifications;
  /** Renders journey messages: in a thread of its own under `serve`, on the calling thread elsewhere. */
  renderer: Renderer;
}
