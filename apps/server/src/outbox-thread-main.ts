/**
 * The outbox thread (started by outbox-thread.ts under `serve`): the outbox worker with a
 * database connection of its own. On SQLite the connection joins the server's write lock and
 * leaves checkpoints to the server's checkpointer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCore, createLogger } from './app.js';
import { systemClock } from './platform/clock.js';
import { OUTBOX_THREAD } from './platform/db/write-lock.js';
import type { OutboxThreadData, OutboxThreadMessage } from './outbox-thread.js';

const port = parentPort;
if (!port) throw new Error('outbox-thread-main.js runs in a worker thread');
const { config, writeLock } = workerData as OutboxThreadData;

const logger = createLogger(config).child({ thread: 'outbox' });
const { worker, database } = createCore(config, {
  logger,
  clock: systemClock,
  worker: 'thread',
  database: {
    // PostgreSQL: the worker runs one batch at a time; a few connections are plenty.
    poolSize: Math.min(config.databasePoolSize, 3),
    // SQLite: its transactions come one after another, so grouping them would only hold the
    // write lock (and the server's writes) to the end of the thread's turn.
    ...(writeLock ? { joinWriteLock: { buffer: writeLock, holder: OUTBOX_THREAD }, groupCommit: false } : {}),
  },
});
worker.start();

let stopping = false;
port.on('message', (message: OutboxThreadMessage) => {
  if (message === 'wake') worker.wake();
  else if (message === 'stop' && !stopping) {
    stopping = true;
    void (async () => {
      await worker.stop();
      await database.close();
      port.close();
    })();
  }
});
