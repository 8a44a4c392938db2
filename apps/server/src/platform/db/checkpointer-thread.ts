/**
 * The WAL checkpointer's thread (started by checkpointer.ts): its own SQLite connection copies the
 * WAL into the database file every few hundred milliseconds, finishing under the process's shared
 * write lock, so the event loop that answers requests never does (a checkpoint writes pages and
 * fsyncs both files, milliseconds at a time, and far longer when the disk is busy). Imports only
 * what it needs: a thread costs memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { CHECKPOINTER, type CheckpointerData, type CheckpointTiming } from './checkpointer.js';
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

/**
 * Three PASSIVE checkpoints. The first copies what the WAL holds now while the server goes on
 * writing (SQLite lets a checkpoint run beside a writer): the bulk of the pages and both fsyncs,
 * which on a busy disk can take hundreds of milliseconds. The second, still without the lock,
 * copies what was appended during the first, which on a loaded server is hundreds of pages. The
 * third, under the write lock, copies the little appended meanwhile, so the checkpoint completes
 * and the next write starts the WAL over; only it makes writers wait, for its copy and its two
 * fsyncs, which is why the second pass leaves it as little as it can. Each locked pass is
 * reported to the server (`CheckpointTiming`).
 */
async function checkpoint(): Promise<void> {
  conn.pragma('wal_checkpoint(PASSIVE)');
  conn.pragma('wal_checkpoint(PASSIVE)');
  const asked = performance.now();
  await lock.acquire(CHECKPOINTER);
  const held = performance.now();
  try {
    conn.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    lock.release();
  }
  const timing: CheckpointTiming = { waitMs: held - asked, heldMs: performance.now() - held };
  port?.postMessage({ timing });
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
