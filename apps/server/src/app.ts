import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseOptions } from './platform/db/index.js';
import { listenForNotifications, noNotifications, watchCommitsElsewhere, type Notifications } from './platform/db/notifications.js';
import { createHttpServer, createIdempotency, type App } from './platform/http/index.js';
import { createWorker, type OutboxHandler, type Worker } from './platform/outbox/index.js';
import { startOutboxThread, type OutboxThread } from './outbox-thread.js';
import { createAuthenticator, deleteExpiredSessions, registerIdentityRoutes } from './modules/identity/index.js';
import { registerSystemRoutes } from './modules/system/index.js';
import { catalogHandlers, registerCatalogRoutes } from './modules/catalog/index.js';
import { customersHandlers, registerCustomersRoutes } from './modules/customers/index.js';
import { inventoryHandlers, registerInventoryRoutes } from './modules/inventory/index.js';
import { registerOrdersRoutes } from './modules/orders/index.js';
import { paymentsHandlers, registerPaymentsRoutes } from './modules/payments/index.js';
import { registerShipmentsRoutes, shipmentsHandlers } from './modules/shipments/index.js';
import { registerSettingsRoutes } from './modules/settings/index.js';
import { registerViewsRoutes } from './modules/views/index.js';
import { registerWebhooksRoutes, webhooksHandlers } from './modules/webhooks/index.js';
import { inlineRenderer, messagesHandlers, registerMessagesRoutes, startRenderThread } from './modules/messages/index.js';
import { registerInboxRoutes } from './modules/inbox/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST_DIR = path.resolve(here, '../../web/dist');
export const VERSION = '0.1.0';

export interface RuntimeOptions {
  logger?: Logger;
  clock?: Clock;
  /** Start the outbox worker on this event loop (the default, see config.worker). */
  embeddedWorker?: boolean;
  /** SQLite: WAL checkpoints in a thread of their own, off the event loop (what `serve` does). */
  checkpointThread?: boolean;
  /** With the embedded worker: journey messages rendered in a thread of their own (what `serve` does). */
  renderThread?: boolean;
  /**
   * With the embedded worker: run it in a thread of its own, with its own database connection
   * (outbox-thread.ts; what `serve` does). Rendering then happens in that thread, so no render
   * thread is started. From sources (tests in process) the worker stays on the event loop.
   */
  workerThread?: boolean;
  /** The outbox thread's entry (tests start the built one; the default is next to this file). */
  outboxThreadEntry?: URL;
  /** Extra outbox handlers (tests use this to observe delivery). */
  extraHandlers?: readonly OutboxHandler[];
  poolSize?: number;
}

/** The database, the modules' dependencies and the outbox worker: everything but HTTP. */
export interface Core {
  deps: Deps;
  database: DatabaseHandle;
  worker: Worker;
}

export interface Runtime extends Core {
  app: App;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] });
}

/** Every module's outbox handlers. A module adds its `<module>.jobs.ts` handlers here. */
export function outboxHandlers(deps: Deps): OutboxHandler[] {
  return [...customersHandlers(deps), ...catalogHandlers(deps), ...inventoryHandlers(deps), ...paymentsHandlers(deps), ...shipmentsHandlers(deps), ...webhooksHandlers(deps), ...messagesHandlers(deps)];
}

interface CoreOptions {
  logger: Logger;
  clock: Clock;
  /**
   * Where the worker will run, which sizes its batches: on the event loop that serves requests, in
   * the outbox thread of `serve` (woken by requests), or in a process of its own (`ordercare worker`).
   */
  worker: 'event-loop' | 'thread' | 'process';
  extraHandlers?: readonly OutboxHandler[] | undefined;
  database: DatabaseOptions;
  /**
   * What the HTTP server listens to (API key revocations); a worker passes none. On SQLite nothing
   * can be listened to, so when any is passed the database is watched for other connections'
   * commits instead (`watchCommitsElsewhere`).
   */
  notifications?: Notifications;
  /** Journey messages rendered in a thread of their own (`startRenderThread`). */
  renderThread?: boolean;
}

/** Opens the database and wires the modules' dependencies and the (not yet started) worker. */
export function createCore(config: Config, options: CoreOptions): Core {
  const { logger, clock } = options;
  const database = openDatabase(config.database, { poolSize: config.databasePoolSize, ...options.database });
  const deps: Deps = {
    config,
    db: database.db,
    ops: database.ops,
    clock,
    logger,
    idempotency: createIdempotency(database.db, database.ops, clock),
    wakeWorker: () => worker.wake(),
    notifications: !options.notifications ? noNotifications : database.dataVersion ? watchCommitsElsewhere(database.dataVersion) : options.notifications,
    renderer: options.renderThread ? startRenderThread((message) => logger.warn(message)) : inlineRenderer,
  };
  const worker: Worker = createWorker({
    db: database.db,
    ops: database.ops,
    clock,
    // Embedded, a batch runs on the event loop that serves requests (on SQLite without a pause,
    // the engine being synchronous): small batches while it keeps up, up to 50 under a backlog
    // (20 left it thousands of events behind at 900 orders/s; see docs/PERFORMANCE.md). Requests
    // wake it, and it claims 20 ms later, so a steady stream of orders is handled about ten events
    // at a time instead of one or two after every request (50 ms made longer stalls and, in the
    // bench, a lower rate and a longer tail; docs/ARCHITECTURE.md, "Transactions, audit and the outbox").
    // A worker process (`ordercare worker`) has its own event loop: it lets events gather for a
    // moment into batches of up to 50 (in the bench, 4 events per batch became about 30). So does
    // the outbox thread, which requests also wake: it claims 20 ms after the first wake.
    ...{
      'event-loop': { minBatchSize: 5, batchSize: 50, lingerMs: 20, wakeDelayMs: 20 },
      thread: { batchSize: 50, lingerMs: 100, wakeDelayMs: 20, eventsPerTransaction: 8 },
      process: { batchSize: 50, lingerMs: 100 },
    }[options.worker],
    logger: logger.child({ component: 'outbox' }),
    handlers: [...outboxHandlers(deps), ...(options.extraHandlers ?? [])],
    housekeeping: async () => {
      await deps.idempotency.purgeExpired();
      await deleteExpiredSessions(deps.db, clock.now().toISOString());
    },
  });
  return { deps, database, worker };
}

/** Opens the database, applies migrations, and wires deps, routes and the worker. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const runWorker = options.embeddedWorker ?? config.worker === 'embedded';
  // Extra handlers (tests) are functions, which cannot be sent to a thread: they keep the worker here.
  const workerThread = Boolean(runWorker && options.workerThread && !options.extraHandlers?.length);
  const notifications = listenForNotifications(config.database, { warn: (message) => logger.warn(message) });
  const { deps, database, worker } = createCore(config, {
    logger,
    clock,
    notifications,
    worker: 'event-loop',
    renderThread: Boolean(options.renderThread && runWorker && !workerThread),
    extraHandlers: options.extraHandlers,
    database: {
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      ...(options.checkpointThread ? { checkpointThread: { warn: (message: string) => logger.warn(message) } } : {}),
      ...(workerThread ? { shareWriteLock: true } : {}),
    },
  });
  try {
    await migrateToLatest(database.db);
  } catch (e) {
    await notifications.close();
    await deps.renderer.close();
    await database.close();
    throw e;
  }

  const app = await createHttpServer({
    logger,
    db: database.db,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    version: VERSION,
    webDistDir: WEB_DIST_DIR,
    authenticate: createAuthenticator(deps),
    onCheckpoint: database.onCheckpoint,
  });
  registerIdentityRoutes(app, deps);
  registerSystemRoutes(app, deps);
  registerCustomersRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerInventoryRoutes(app, deps);
  registerOrdersRoutes(app, deps);
  registerPaymentsRoutes(app, deps);
  registerShipmentsRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerViewsRoutes(app, deps);
  registerWebhooksRoutes(app, deps);
  registerMessagesRoutes(app, deps);
  registerInboxRoutes(app, deps);
  await app.ready();

  // The worker: in the outbox thread when asked and possible, else on this event loop.
  let outboxThread: OutboxThread | undefined;
  if (workerThread) {
    outboxThread = startOutboxThread({ config, ...(database.writeLock ? { writeLock: database.writeLock } : {}) }, (why) => {
      logger.warn(`outbox thread stopped (${why}); the worker runs on the event loop`);
      deps.wakeWorker = () => worker.wake();
      worker.start();
    }, options.outboxThreadEntry ? { entry: options.outboxThreadEntry } : {});
    if (outboxThread) deps.wakeWorker = () => outboxThread?.wake();
  }
  if (runWorker && !outboxThread) worker.start();

  return {
    deps,
    database,
    app,
    worker,
    async close() {
      await app.close(); // stops accepting, lets in-flight requests finish
      await outboxThread?.stop();
      await worker.stop();
      await deps.renderer.close();
      await notifications.close();
      if (deps.notifications !== notifications) await deps.notifications.close(); // SQLite's watch
      await database.close();
    },
  };
}
