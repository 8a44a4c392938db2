import type { Config } from './platform/config.js';
import { createRuntime } from './app.js';

/**
 * `ordercare worker`: the outbox worker as its own process. With PostgreSQL run as many as you
 * like (rows are claimed with FOR UPDATE SKIP LOCKED); set WORKER=off on the API processes to
 * keep all delivery here.
 */
export async function runWorker(config: Config): Promise<void> {
  const runtime = await createRuntime(config, { embeddedWorker: true });
  runtime.deps.logger.info({ worker: runtime.worker.id, database: runtime.database.description }, 'outbox worker started');
  const stop = async () => {
    await runtime.worker.stop();
    await runtime.database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
