import type { Config } from './platform/config.js';
import { createCore, createLogger } from './app.js';
import { systemClock } from './platform/clock.js';
import { migrateToLatest } from './platform/db/index.js';

/**
 * `ordercare worker`: the outbox worker as its own process. With PostgreSQL run as many as you
 * like (rows are claimed with FOR UPDATE SKIP LOCKED); set WORKER=off on the API processes to
 * keep all delivery here.
 */
export async function runWorker(config: Config): Promise<void> {
  const logger = createLogger(config);
  // Not embedded: no requests share this event loop, so the worker lets events gather into fuller
  // batches (app.ts). Passing true here lost that for a while: batches of about five events.
  const { worker, database } = createCore(config, { logger, clock: systemClock, worker: 'process', database: {} });
  await migrateToLatest(database.db);
  worker.start();
  logger.info({ worker: worker.id, database: database.description }, 'outbox worker started');
  const stop = async () => {
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
