/// <reference lib="es2024.sharedmemory" />
/**
 * The SQLite write lock shared by the threads of one process, first come first served.
 *
 * SQLite lets one connection write at a time; another one that tries gets SQLITE_BUSY and can only
 * poll. The server's event loop and its WAL checkpointer thread (checkpointer.ts) take this lock
 * instead: the checkpointer runs only between two of the server's transactions, so its checkpoint
 * always completes (the next write can start the WAL over) and neither ever polls for the other.
 *
 * A ticket lock in a SharedArrayBuffer: `[0]` is the next ticket to hand out, `[1]` the ticket
 * being served, `[2]` who holds it (0 nobody). Waiting is asynchronous (`Atomics.waitAsync`), so a
 * waiting event loop keeps serving requests. Other processes (the CLI, `ordercare worker`) are
 * not part of it; against them SQLite's own lock still applies, with the driver's timer-based wait.
 *
 * Holders: the server's event loop (`SERVER_THREAD`), the checkpointer (checkpointer.ts) and the
 * outbox thread (`OUTBOX_THREAD`, outbox-thread.ts). When a thread dies, its host releases the lock
 * if that thread held it.
 */
export const SERVER_THREAD = 1;
export const OUTBOX_THREAD = 3;

export class SharedWriteLock {
  private readonly slots: Int32Array;

  /** `buffer`: from `SharedWriteLock.createBuffer()`, passed to every thread that writes. */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  static createBuffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  }

  /** Resolves when `holder` (a non-zero id) holds the lock; callers are served in the order they asked. */
  async acquire(holder = SERVER_THREAD): Promise<void> {
    const ticket = Atomics.add(this.slots, 0, 1);
    // A pending Atomics.waitAsync does not keep Node's event loop alive; this timer does, so a
    // process waiting for its turn (say, during start-up) is not taken for finished.
    let keepAlive: NodeJS.Timeout | undefined;
    try {
      for (;;) {
        const serving = Atomics.load(this.slots, 1);
        if (serving === ticket) break;
        const wait = Atomics.waitAsync(this.slots, 1, serving);
        if (wait.async) {
          keepAlive ??= setInterval(() => {}, 60_000);
          await wait.value;
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
    Atomics.store(this.slots, 2, holder);
  }

  /** Who holds the lock now (0: nobody). */
  holder(): number {
    return Atomics.load(this.slots, 2);
  }

  /** Hands the lock to the next ticket. Only the holder may call it, once per `acquire`. */
  release(): void {
    Atomics.store(this.slots, 2, 0);
    Atomics.add(this.slots, 1, 1);
    Atomics.notify(this.slots, 1);
  }
}
