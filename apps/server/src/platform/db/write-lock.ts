/// <reference lib="es2024.sharedmemory" />
/**
 * The SQLite write lock shared by the threads of one process, first come first served.
 *
 * SQLite lets one connection write at a time; another one that tries gets SQLITE_BUSY and can only
 * poll. The server's event loop and its WAL checkpointer thread (checkpointer.ts) take this lock
 * instead: the checkpointer runs only between two of the server's transactions, so its checkpoint
 * always completes (the next write can start the WAL over) and neither ever polls for the other.
 *
 * A ticket lock in a SharedArrayBuffer. `[0]` is the next ticket to hand out, `[1]` the ticket
 * being served, `[2]` who holds it (0 nobody). Per holder id `h` (1 to `MAX_HOLDER`): `[QUEUED + h]`
 * is the ticket `h` took and has not yet given back, `[ABANDONED + h]` a ticket of `h`'s that its
 * host gave up when the thread died, which the lock skips when its turn comes. Tickets are stored
 * marked (`mark`), so 0 always means none. Waiting is asynchronous (`Atomics.waitAsync`), so a
 * waiting event loop keeps serving requests. Other processes (the CLI, `ordercare worker`) are
 * not part of it; against them SQLite's own lock still applies, with the driver's timer-based wait.
 *
 * Holders: the server's event loop (`SERVER_THREAD`), the checkpointer (checkpointer.ts) and the
 * outbox thread (`OUTBOX_THREAD`, outbox-thread.ts). Each holder asks for the lock once at a time.
 * When a thread dies, its host calls `abandon` with its id: a lock it held is handed on, and a
 * ticket it was still waiting with is skipped, so no writer of the process waits forever.
 */
export const SERVER_THREAD = 1;
export const OUTBOX_THREAD = 3;
/** Holder ids run from 1 to this. */
export const MAX_HOLDER = 7;

const NEXT = 0;
const SERVING = 1;
const HOLDER = 2;
const QUEUED = 3;
const ABANDONED = QUEUED + MAX_HOLDER + 1;
const SLOTS = ABANDONED + MAX_HOLDER + 1;

/**
 * A ticket as stored in the per-holder slots: never 0 (0 is "none"), and equal for two tickets only
 * when they are 2^30 apart, far more than can ever wait at once.
 */
const mark = (ticket: number): number => (ticket & 0x3fffffff) | 0x40000000;

export class SharedWriteLock {
  private readonly slots: Int32Array;

  /** `buffer`: from `SharedWriteLock.createBuffer()`, passed to every thread that writes. */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  static createBuffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  }

  /** Resolves when `holder` (1 to `MAX_HOLDER`) holds the lock; callers are served in the order they asked. */
  async acquire(holder = SERVER_THREAD): Promise<void> {
    if (!Number.isInteger(holder) || holder < 1 || holder > MAX_HOLDER) throw new RangeError(`write lock holder must be 1 to ${MAX_HOLDER}, got ${holder}`);
    const ticket = Atomics.add(this.slots, NEXT, 1);
    Atomics.store(this.slots, QUEUED + holder, mark(ticket));
    // A pending Atomics.waitAsync does not keep Node's event loop alive; this timer does, so a
    // process waiting for its turn (say, during start-up) is not taken for finished.
    let keepAlive: NodeJS.Timeout | undefined;
    try {
      for (;;) {
        const serving = Atomics.load(this.slots, SERVING);
        if (serving === ticket) break;
        const wait = Atomics.waitAsync(this.slots, SERVING, serving);
        if (wait.async) {
          keepAlive ??= setInterval(() => {}, 60_000);
          await wait.value;
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
    Atomics.store(this.slots, HOLDER, holder);
  }

  /** Who holds the lock now (0: nobody). */
  holder(): number {
    return Atomics.load(this.slots, HOLDER);
  }

  /** Hands the lock to the next ticket. Only the holder may call it, once per `acquire`. */
  release(): void {
    const holder = Atomics.exchange(this.slots, HOLDER, 0);
    this.advance();
    if (holder > 0) Atomics.store(this.slots, QUEUED + holder, 0);
  }

  /**
   * For the host of a thread that died (or was terminated): gives up the ticket `holder` took and
   * did not give back. If its turn has come (it held the lock, or was just being handed it), the
   * lock goes to the next ticket now; if not, that ticket is skipped when its turn comes.
   * Idempotent; a no-op if `holder` had no ticket.
   */
  abandon(holder: number): void {
    const queued = Atomics.exchange(this.slots, QUEUED + holder, 0);
    if (queued === 0) return;
    Atomics.compareExchange(this.slots, HOLDER, holder, 0);
    // Its turn came and went: it died in `release`, after handing the lock on.
    if (((queued - mark(Atomics.load(this.slots, SERVING))) & 0x3fffffff) >= 0x20000000) return;
    // From here on the lock cannot pass this ticket without seeing the mark.
    Atomics.store(this.slots, ABANDONED + holder, queued);
    // Whoever sees the ticket being served and clears the mark first moves the lock on: this
    // call, or a `release` that handed the lock to it just now (`advance`).
    if (mark(Atomics.load(this.slots, SERVING)) === queued && Atomics.compareExchange(this.slots, ABANDONED + holder, queued, 0) === queued) this.advance();
  }

  /** Serves the next ticket, skipping those abandoned by threads that died while waiting. */
  private advance(): void {
    let serving = Atomics.add(this.slots, SERVING, 1) + 1;
    for (let holder = 1; holder <= MAX_HOLDER; holder++) {
      const ticket = mark(serving);
      if (Atomics.compareExchange(this.slots, ABANDONED + holder, ticket, 0) !== ticket) continue;
      serving = Atomics.add(this.slots, SERVING, 1) + 1;
      holder = 0; // the next ticket may be abandoned too: look again from the first holder
    }
    Atomics.notify(this.slots, SERVING);
  }
}
