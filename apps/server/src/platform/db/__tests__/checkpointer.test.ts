import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../checkpointer.js';
import { SharedWriteLock } from '../write-lock.js';

// A worker thread runs JavaScript, so the thread side is the built one (npm test builds first).
const BUILT_ENTRY = new URL('../../../../dist/platform/db/checkpointer-thread.js', import.meta.url);

let dir: string;
let file: string;
let conn: BetterSqlite3.Database;
let lock: SharedWriteLock;
let warnings: string[];
let checkpointer: Checkpointer | undefined;

const size = () => fs.statSync(file).size;
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 20));
  return check();
};
/** Writes pages into the WAL as the server does: under the shared lock. */
const write = async (rows: number) => {
  await lock.acquire();
  try {
    const insert = conn.prepare('insert into items (label) values (?)');
    conn.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(`item ${i} ${'x'.repeat(200)}`);
    })();
  } finally {
    lock.release();
  }
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-checkpointer-'));
  file = path.join(dir, 'db.sqlite');
  conn = new BetterSqlite3(file);
  conn.pragma('journal_mode = WAL');
  conn.exec('create table items (id integer primary key, label text not null)');
  conn.pragma('wal_checkpoint(TRUNCATE)');
  lock = new SharedWriteLock(SharedWriteLock.createBuffer());
  warnings = [];
  checkpointer = undefined;
});
afterEach(async () => {
  await checkpointer?.stop();
  conn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WAL checkpointer thread', () => {
  it('takes checkpoints off the connection and copies the WAL into the database file itself', async () => {
    expect(fs.existsSync(BUILT_ENTRY)).toBe(true);
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 20, entry: BUILT_ENTRY });
    expect(checkpointer).toBeDefined();
    expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = size();
    await write(100); // far below SQLite's own threshold of 1,000 pages: only the thread checkpoints this
    expect(await until(() => size() > before)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('copies the WAL into the database file while the server holds the write lock', async () => {
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 20, entry: BUILT_ENTRY });
    await new Promise((r) => setTimeout(r, 100)); // the thread's first turns, on an empty WAL
    // The thread's round is a copy without the lock, then a short locked finish. If a round
    // begins while the server's transaction below is still open, the thread copies nothing and
    // then queues for the lock this test holds: that round ends only when the server lets go. A
    // try that finds the thread queued is let go and made again (a waiter shows as a ticket
    // handed out beyond the holder's).
    const slots = new Int32Array(lock.buffer);
    const threadQueued = () => Atomics.load(slots, 0) - Atomics.load(slots, 1) > 1;
    const insert = conn.prepare('insert into items (label) values (?)');
    let copiedWhileLocked = false;
    for (let attempt = 0; attempt < 5 && !copiedWhileLocked; attempt++) {
      const before = size();
      await lock.acquire(); // the server, holding the lock from before its commit on
      try {
        conn.transaction(() => {
          for (let i = 0; i < 100; i++) insert.run(`item ${attempt} ${i} ${'x'.repeat(200)}`);
        })();
        // The committed pages reach the database file without the lock (the fsyncs with them).
        copiedWhileLocked = await until(() => size() > before || threadQueued(), 2000) && size() > before;
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 50)); // a queued round finishes
    }
    expect(copiedWhileLocked).toBe(true);
    // Checkpoints complete, and the next write starts the WAL over instead of growing it.
    await new Promise((r) => setTimeout(r, 200));
    const wal = fs.statSync(`${file}-wal`).size;
    await write(1);
    expect(fs.statSync(`${file}-wal`).size).toBe(wal);
  }, 20_000);

  it('keeps the WAL from growing while the server writes all the time', async () => {
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 20, entry: BUILT_ENTRY });
    await write(100);
    const oneBatch = fs.statSync(`${file}-wal`).size;
    for (let round = 0; round < 45; round++) {
      await write(100); // a group every 5 ms, as under load
      await new Promise((r) => setTimeout(r, 5));
    }
    // Forty-five batches appended without a restart make the WAL about 45 times one batch.
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(oneBatch * 25);
  });

  it('tells the server how long each checkpoint queued for the write lock and held it', async () => {
    await lock.acquire(); // the server in a long transaction: the thread's first round queues behind it
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 20, entry: BUILT_ENTRY });
    const timings: { waitMs: number; heldMs: number }[] = [];
    checkpointer!.onCheckpoint((timing) => timings.push(timing));
    const slots = new Int32Array(lock.buffer);
    expect(await until(() => Atomics.load(slots, 0) - Atomics.load(slots, 1) > 1)).toBe(true); // the thread queued
    await new Promise((r) => setTimeout(r, 200));
    expect(timings).toEqual([]); // no round finishes while the server holds the lock
    lock.release();
    expect(await until(() => timings.length >= 3)).toBe(true);
    expect(timings[0]!.waitMs).toBeGreaterThanOrEqual(190);
    for (const t of timings) expect(t.heldMs).toBeGreaterThanOrEqual(0);
    expect(warnings).toEqual([]);
  });

  it('gives checkpoints back to the connection when the thread dies', async () => {
    const broken = path.join(dir, 'broken-thread.mjs');
    fs.writeFileSync(broken, "throw new Error('cannot open the database');\n");
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 20, entry: new URL(`file://${broken}`) });
    expect(await until(() => warnings.length > 0)).toBe(true);
    expect(warnings[0]).toMatch(/checkpointer thread stopped.*cannot open the database/);
    expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('hands on a write lock the thread held when it died', async () => {
    const dies = path.join(dir, 'dies-holding.mjs');
    fs.writeFileSync(
      dies,
      [
        "import { workerData } from 'node:worker_threads';",
        `import { SharedWriteLock } from ${JSON.stringify(new URL('../../../../dist/platform/db/write-lock.js', import.meta.url).href)};`,
        'await new SharedWriteLock(workerData.lock).acquire(2);',
        'process.exit(3);',
      ].join('\n'),
    );
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 20, entry: new URL(`file://${dies}`) });
    expect(await until(() => warnings.length > 0)).toBe(true);
    const acquired = await Promise.race([lock.acquire().then(() => true), new Promise((r) => setTimeout(() => r(false), 1000))]);
    expect(acquired).toBe(true);
    lock.release();
  });

  it('stops with a last checkpoint and ends the thread', async () => {
    checkpointer = startCheckpointer(conn, lock, (m) => warnings.push(m), { everyMs: 60_000, entry: BUILT_ENTRY });
    await new Promise((r) => setTimeout(r, 100)); // the thread's first checkpoint, before any write
    const before = size();
    await write(100);
    await checkpointer!.stop();
    checkpointer = undefined;
    expect(size()).toBeGreaterThan(before);
    expect(warnings).toEqual([]);
  });
});
