import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker as Thread } from 'node:worker_threads';
import type { Config } from './platform/config.js';
import { OUTBOX_THREAD, SharedWriteLock } from './platform/db/write-lock.js';

/** What the outbox thread (outbox-thread-main.ts) is started with. */
export interface OutboxThreadData {
  config: Config;
  /** SQLite: the server's write lock (write-lock.ts), which the thread's connection joins. */
  writeLock?: SharedArrayBuffer;
}

/** Messages to the thread. */
export type OutboxThreadMessage = 'wake' | 'stop';

export interface OutboxThread {
  /** A request wrote outbox events: the thread claims them soon (at most one message per `WAKE_EVERY_MS`). */
  wake(): void;
  /** Lets the current batch settle, closes the thread's database and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * The thread's heaps. V8 sizes a thread's heaps like a process's, so without limits the thread's
 * garbage grew to 60–100 MB beside the server's under load. Placing orders at full rate on SQLite,
 * the server's resident set with these limits was 261–287 MB (peak 280–344) against 334–379 MB
 * (peak 379–392) without, at the same orders per second (docs/PERFORMANCE.md, seventeenth session).
 * The old generation holds the module graph, a batch, and pdfkit's parse of the CJK font for the
 * PDF attachments; `outbox-thread.db.test.ts` sends such e-mails from the thread, which ran out of
 * heap with 32 MB and not with 48 MB, so 96 leaves twice that. A thread that runs out of heap
 * dies, and the worker goes on on the event loop (`fellBack`).
 */
export const OUTBOX_THREAD_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 } as const;

/** Requests wake the thread at most this often: a wake brings the next claim to 20 ms from then anyway. */
const WAKE_EVERY_MS = 5;

/**
 * Runs the outbox worker in a thread of its own (outbox-thread-main.ts), with its own database
 * connection, so that its batches (handlers, rendering, the e-mails' and webhooks' I/O) never
 * take turns from the requests on the server's event loop. On SQLite both connections take the
 * process's write lock, first come first served. If the thread cannot start or dies, `fellBack`
 * hears why (the caller then runs the worker on its own event loop); a write lock the thread held,
 * or its place in the lock's queue, is handed on.
 *
 * Runs from the built server only (dist/): a worker thread cannot load TypeScript sources. From
 * sources (tests in process) it returns undefined and the worker runs on the caller's loop.
 */
export function startOutboxThread(data: OutboxThreadData, fellBack: (why: string) => void, options: { entry?: URL } = {}): OutboxThread | undefined {
  const entry = options.entry ?? new URL('./outbox-thread-main.js', import.meta.url);
  if (!fs.existsSync(fileURLToPath(entry))) return undefined;
  const lock = data.writeLock ? new SharedWriteLock(data.writeLock) : undefined;
  const thread = new Thread(entry, { workerData: data, resourceLimits: OUTBOX_THREAD_HEAP });
  let stopping = false;
  let failed = false;
  let lastWake = 0;
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  const fail = (why: string) => {
    if (stopping || failed) return;
    failed = true;
    fellBack(why);
  };
  thread.on('error', (error) => fail(String(error)));
  thread.on('exit', (code) => {
    // Only now is the thread surely gone: a lock it held, or a turn it was waiting for, is handed on.
    lock?.abandon(OUTBOX_THREAD);
    fail(`exit code ${code}`);
  });
  return {
    wake() {
      if (failed || stopping) return;
      const now = Date.now();
      if (now - lastWake < WAKE_EVERY_MS) return;
      lastWake = now;
      thread.postMessage('wake' satisfies OutboxThreadMessage);
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      thread.postMessage('stop' satisfies OutboxThreadMessage);
      // A batch waiting on a slow SMTP server or webhook gets this long; its events are claimed
      // again after their lease, as after a crash.
      const force = setTimeout(() => void thread.terminate(), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}
