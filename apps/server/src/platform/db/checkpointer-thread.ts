/**
 * The WAL checkpointer's thread (started by checkpointer.ts): its own SQLite connection copies the
 * WAL into the database file every few hundred milliseconds, under the process's shared write
 * lock, so the event loop that answers requests never does (a checkpoint writes pages and fsyncs
 * both files, milliseconds at a time). Imports only what it needs: a thread costs memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { CHECKPOINTER, type CheckpointerData } from './checkpointer.js';
import { SharedWriteLock } from './write-lock.js';

const port = parentPort;
if (!port) throw new Error('checkpointer-thread.js runs in a worker thread');
const { file, lock: buffer, everyMs } = workerData as CheckpointerData;
const lock = new SharedWriteLock(buffer);
const conn = new BetterSqlite3(file);
conn.pragma('busy_timeout = 5000');
conn.pragma('wal_autocheckpoint = 0');

let stopping = false;
let timer: NodeJS.Timeout | undefined;

async function checkpoint(): Promise<void> {
  await lock.acquire(CHECKPOINTER);
  try {
    conn.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    lock.release();
  }
}

async function loop(): Promise<void> {
  try {
    await checkpoint();
  } catch (error) {
    port?.postMessage({ warning: String(error) });
  }
  if (!stopping) timer = setTimeout(() => void loop(), everyMs);
}

port.on('message', (message: 'stop') => {
  if (message !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  void checkpoint()
    .catch(() => undefined)
    .finally(() => {
      conn.close();
      port.close();
    });
});
void loop();
