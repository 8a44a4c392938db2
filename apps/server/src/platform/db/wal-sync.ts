import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

/** A transaction's caller, waiting to hear that its group is durable (or why not). */
export interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export const settleAll = (waiters: Waiter[], error: unknown) => {
  for (const w of waiters) if (error === undefined) w.resolve();
  else w.reject(error);
};

/** fs.fdatasync (what the driver passes), or a test's slow or failing one. */
export type Fsync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

/**
 * fsyncs the WAL file on libuv's thread pool. Commits that arrive while an fsync runs wait for
 * the next one, which then covers them all. On Linux an fsync flushes the file's data whatever
 * descriptor it is called on; the WAL file keeps its inode while this connection is open (SQLite
 * truncates and rewrites it, never replaces it, and deletes it only when the last connection
 * closes).
 */
export class WalSync {
  private fd: number | undefined;
  private running = false;
  private waiting: Waiter[] = [];
  private idle: (() => void)[] = [];

  /** `fsync`: fs.fdatasync, or a test's slow or failing one. */
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly fsync: Fsync,
  ) {
    if (db.memory || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') {
      throw new Error('syncWalOffThread needs a file database in WAL mode');
    }
    db.pragma('synchronous = NORMAL');
  }

  /** Settles `waiters` once everything committed so far is on disk. */
  after(waiters: Waiter[]): void {
    if (waiters.length === 0) return;
    this.waiting.push(...waiters);
    if (!this.running) this.start();
  }

  /** Resolves when no fsync is running or waiting. */
  drained(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    let fd: number;
    try {
      fd = this.descriptor();
    } catch (error) {
      return settleAll(batch, error);
    }
    this.running = true;
    this.fsync(fd, (error) => {
      this.running = false;
      settleAll(batch, error ?? undefined);
      if (this.waiting.length) return this.start();
      for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  private descriptor(): number {
    if (this.fd === undefined) {
      const wal = `${this.db.name}-wal`;
      this.fd = fs.openSync(wal, 'r');
      // The WAL file's directory entry must be durable too (SQLite fsyncs it only under EXTRA).
      const dir = fs.openSync(path.dirname(wal), 'r');
      try {
        fs.fsyncSync(dir);
      } finally {
        fs.closeSync(dir);
      }
    }
    return this.fd;
  }
}
