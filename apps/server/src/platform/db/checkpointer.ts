import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker as Thread } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { SharedWriteLock } from './write-lock.js';

/** The checkpointer thread's id in the write lock's holder slot. */
export const CHECKPOINTER = 2;
const DEFAULT_AUTOCHECKPOINT = 1000;

export interface CheckpointerData {
  file: string;
  lock: SharedArrayBuffer;
  everyMs: number;
}

/** One checkpoint's locked pass, as the thread measured it. */
export interface CheckpointTiming {
  /** How long the thread queued for the write lock (behind the server's transactions). */
  waitMs: number;
  /** How long it held the lock: every writer of the process waited this long, at most. */
  heldMs: number;
}

export interface Checkpointer {
  /** `listener` hears every checkpoint's locked pass from now on (metrics.ts). */
  onCheckpoint(listener: (timing: CheckpointTiming) => void): void;
  stop(): Promise<void>;
}

/**
 * Moves the WAL checkpoints of `conn` to a thread of their own (checkpointer-thread.ts): `conn`
 * stops checkpointing (`wal_autocheckpoint = 0`) while the thread runs. If the thread cannot start
 * or dies, `conn` checkpoints again as SQLite does by default, so the WAL never grows without end;
 * a lock the thread held when it died, or its place in the lock's queue, is handed on. `warn` hears why.
 *
 * Runs from the built server only (dist/): a worker thread cannot load TypeScript sources. From
 * sources (tests in process) it does nothing and SQLite's own checkpoints stay on.
 */
export function startCheckpointer(
  conn: BetterSqlite3.Database,
  lock: SharedWriteLock,
  warn: (message: string) => void,
  options: { everyMs?: number; entry?: URL } = {},
): Checkpointer | undefined {
  const entry = options.entry ?? new URL('./checkpointer-thread.js', import.meta.url);
  if (!fs.existsSync(fileURLToPath(entry))) return undefined;
  const data: CheckpointerData = { file: conn.name, lock: lock.buffer, everyMs: options.everyMs ?? 200 };
  const thread = new Thread(entry, { workerData: data });
  conn.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  let fellBack = false;
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  const fallBack = (why: string) => {
    if (stopping || fellBack || !conn.open) return;
    fellBack = true;
    conn.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    warn(`WAL checkpointer thread stopped (${why}); the server's connection checkpoints again`);
  };
  const listeners: ((timing: CheckpointTiming) => void)[] = [];
  thread.on('message', (message: { warning?: string; timing?: CheckpointTiming }) => {
    if (message.warning) warn(`WAL checkpoint failed, retrying: ${message.warning}`);
    if (message.timing) for (const listener of listeners) listener(message.timing);
  });
  thread.on('error', (error) => fallBack(String(error)));
  thread.on('exit', (code) => {
    // Only now is the thread surely gone: a lock it held, or a turn it was waiting for, is handed on.
    lock.abandon(CHECKPOINTER);
    fallBack(`exit code ${code}`);
  });
  thread.unref();
  return {
    onCheckpoint(listener) {
      listeners.push(listener);
    },
    async stop() {
      stopping = true;
      thread.postMessage('stop');
      const force = setTimeout(() => void thread.terminate(), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}
