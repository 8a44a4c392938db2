import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDialect } from '../sqlite-driver.js';
import { OUTBOX_THREAD, SharedWriteLock } from '../write-lock.js';

interface Schema {
  items: { id: number; label: string };
}

let dir: string;
let file: string;
let sqlite: BetterSqlite3.Database;
let other: BetterSqlite3.Database;
let db: Kysely<Schema>;
let commits: number;
let failNextCommit: boolean;

/** Counts the driver's COMMITs (and can make the next one fail) by wrapping the statements it prepares. */
function instrument(conn: BetterSqlite3.Database): void {
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((text: string) => {
    const stmt = prepare(text);
    if (text !== 'commit') return stmt;
    const run = stmt.run.bind(stmt);
    stmt.run = ((...args: unknown[]) => {
      if (failNextCommit) {
        failNextCommit = false;
        throw new Error('disk I/O error (simulated)');
      }
      commits += 1;
      return run(...(args as []));
    }) as typeof stmt.run;
    return stmt;
  }) as typeof conn.prepare;
}

const visibleElsewhere = () => (other.prepare('select label from items order by id').all() as { label: string }[]).map((r) => r.label);
const insert = (label: string) => db.transaction().execute((tx) => tx.insertInto('items').values({ label } as never).execute());

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-group-commit-'));
  file = path.join(dir, 'db.sqlite');
  sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  instrument(sqlite);
  db = new Kysely<Schema>({ dialect: new SqliteDialect(sqlite) });
  await sql`create table items (id integer primary key, label text not null unique)`.execute(db);
  other = new BetterSqlite3(file, { readonly: true });
  commits = 0;
  failNextCommit = false;
});
afterEach(async () => {
  other.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite group commit', () => {
  it('makes transactions started in the same turn durable with one COMMIT, resolving none before it', async () => {
    const seenInside: string[][] = [];
    const durableWhenResolved: boolean[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((label) =>
        db.transaction().execute(async (tx) => {
          seenInside.push(visibleElsewhere()); // another connection sees only what is committed
          await tx.insertInto('items').values({ label } as never).execute();
          return label;
        }).then((label) => (durableWhenResolved.push(visibleElsewhere().includes(label)), label)),
      ),
    );
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seenInside).toEqual([[], [], [], [], []]);
    expect(durableWhenResolved).toEqual([true, true, true, true, true]);
    expect(commits).toBe(1);
    expect(visibleElsewhere()).toEqual(['a', 'b', 'c', 'd', 'e']);

    await insert('f'); // a later turn: a group of its own
    expect(commits).toBe(2);
    expect(visibleElsewhere()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('rolls back only the failing transaction of a group', async () => {
    await insert('taken');
    const outcomes = await Promise.allSettled([insert('x'), insert('taken'), insert('y')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(visibleElsewhere()).toEqual(['taken', 'x', 'y']);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('fails every transaction of the group when its COMMIT fails, and keeps nothing of them', async () => {
    await insert('before');
    failNextCommit = true;
    const outcomes = await Promise.allSettled([insert('lost1'), insert('lost2')]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toContain('disk I/O error');
    expect(sqlite.inTransaction).toBe(false);
    expect(visibleElsewhere()).toEqual(['before']);
    await insert('after'); // the connection is usable again
    expect(visibleElsewhere()).toEqual(['before', 'after']);
  });

  it('commits an open group before a write outside any transaction, which is durable when it returns', async () => {
    const grouped = insert('grouped');
    await Promise.resolve(); // let the transaction start (and stay open for the turn)
    await db.insertInto('items').values({ label: 'alone' } as never).execute();
    expect(visibleElsewhere()).toEqual(['grouped', 'alone']);
    await grouped;
    expect(commits).toBe(1); // the group's; the lone write committed itself (autocommit)
  });

  it('never commits half a transaction: one waiting on I/O holds the COMMIT back until it ends', async () => {
    let seenWhileWaiting: string[] = ['not checked'];
    const slow = db.transaction().execute(async (tx) => {
      await tx.insertInto('items').values({ label: 'slow' } as never).execute();
      await new Promise((r) => setTimeout(r, 30)); // several turns pass
      seenWhileWaiting = visibleElsewhere();
      await tx.insertInto('items').values({ label: 'slow2' } as never).execute();
    });
    const quick = insert('quick'); // queued behind the slow one
    await Promise.all([slow, quick]);
    expect(seenWhileWaiting).toEqual([]);
    expect(visibleElsewhere()).toEqual(['slow', 'slow2', 'quick']);
    expect(commits).toBe(2); // the slow one's group when it let go, then the quick one's
  });
  it('lets another connection of the same process wait for an open group without blocking the event loop', async () => {
    const conn = new BetterSqlite3(file);
    conn.pragma('busy_timeout = 3000');
    const second = new Kysely<Schema>({ dialect: new SqliteDialect(conn) });
    try {
      const started = Date.now();
      await Promise.all([insert('first'), second.transaction().execute((tx) => tx.insertInto('items').values({ label: 'second' } as never).execute())]);
      expect(Date.now() - started).toBeLessThan(1000); // a blocking busy wait would sit out its 3 s and fail
      expect(visibleElsewhere()).toEqual(['first', 'second']);
    } finally {
      await second.destroy();
    }
  });
});

describe('SQLite without group commit (groupCommit: false, the outbox thread)', () => {
  let solo: Kysely<Schema>;
  let lock: SharedWriteLock;
  beforeEach(() => {
    lock = new SharedWriteLock(SharedWriteLock.createBuffer());
    solo = new Kysely<Schema>({ dialect: new SqliteDialect(sqlite, { groupCommit: false, writeLock: lock, writeLockHolder: OUTBOX_THREAD }) });
  });
  // No solo.destroy(): it shares `sqlite` with `db`, which afterEach closes.

  it('COMMITs each transaction as it ends and hands the write lock on at once, even within one turn', async () => {
    const seenInside: string[][] = [];
    const holderAfterFirst: number[] = [];
    const first = solo.transaction().execute((tx) => tx.insertInto('items').values({ label: 'a' } as never).execute());
    const second = solo.transaction().execute(async (tx) => {
      seenInside.push(visibleElsewhere()); // 'a' is committed already: not held open to the end of the turn
      await tx.insertInto('items').values({ label: 'b' } as never).execute();
    });
    const afterSecond = second.then(() => holderAfterFirst.push(lock.holder()));
    await Promise.all([first, second, afterSecond]);
    expect(seenInside).toEqual([['a']]);
    expect(commits).toBe(2);
    expect(holderAfterFirst).toEqual([0]);
    expect(visibleElsewhere()).toEqual(['a', 'b']);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('takes the write lock as its holder, and commits nothing of a transaction that fails', async () => {
    const holders: number[] = [];
    await solo.transaction().execute(async (tx) => {
      holders.push(lock.holder());
      await tx.insertInto('items').values({ label: 'kept' } as never).execute();
    });
    const failed = solo.transaction().execute(async (tx) => {
      await tx.insertInto('items').values({ label: 'dropped' } as never).execute();
      await tx.insertInto('items').values({ label: 'kept' } as never).execute(); // UNIQUE
    });
    await expect(failed).rejects.toThrow(/UNIQUE/);
    expect(holders).toEqual([OUTBOX_THREAD]);
    expect(lock.holder()).toBe(0); // released after the rollback, not left to the end of a turn
    expect(sqlite.inTransaction).toBe(false);
    expect(visibleElsewhere()).toEqual(['kept']);
  });
});

describe('SQLite fsync off the event loop (syncWalOffThread)', () => {
  let conn: BetterSqlite3.Database;
  let synced: Kysely<Schema>;
  /** fsyncs held back until released, as a slow disk would. */
  let held: (() => void)[];
  let failNextSync: boolean;

  beforeEach(async () => {
    conn = new BetterSqlite3(file);
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = FULL');
    held = [];
    failNextSync = false;
    const fsync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      const fail = failNextSync;
      failNextSync = false;
      held.push(() => (fail ? done(Object.assign(new Error('EIO: fsync failed (simulated)'), { code: 'EIO' })) : fs.fsync(fd, done)));
    };
    synced = new Kysely<Schema>({ dialect: new SqliteDialect(conn, { syncWalOffThread: true, fsync }) });
  });
  afterEach(async () => {
    for (const release of held.splice(0)) release();
    await synced.destroy();
  });

  const put = (label: string) => synced.transaction().execute((tx) => tx.insertInto('items').values({ label } as never).execute());
  const releaseHeld = async () => {
    for (const release of held.splice(0)) release();
    await new Promise((r) => setTimeout(r, 20));
  };

  it('runs the connection at synchronous=NORMAL and fsyncs the WAL itself', () => {
    expect(conn.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('answers a transaction only after the fsync that follows its COMMIT, and groups commits waiting on one fsync', async () => {
    let answered = 0;
    const first = put('a').then(() => (answered += 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(visibleElsewhere()).toEqual(['a']); // committed...
    expect(answered).toBe(0); // ...but not answered: its fsync has not returned
    expect(held).toHaveLength(1);

    const later = Promise.all([put('b'), put('c')]).then(() => (answered += 2));
    await new Promise((r) => setTimeout(r, 20));
    expect(visibleElsewhere()).toEqual(['a', 'b', 'c']); // the event loop went on while the fsync ran
    expect(held).toHaveLength(1); // b and c wait for the next fsync, which starts when the first returns

    await releaseHeld();
    await first;
    expect(answered).toBe(1);
    expect(held).toHaveLength(1); // one fsync for both b and c
    await releaseHeld();
    await later;
    expect(answered).toBe(3);
  });

  it('fails the transactions whose fsync failed, and later ones succeed', async () => {
    failNextSync = true;
    const lost = put('x').then(() => 'answered', (error: unknown) => String(error));
    await new Promise((r) => setTimeout(r, 20));
    await releaseHeld();
    expect(await lost).toMatch(/EIO/);
    const next = put('y');
    await new Promise((r) => setTimeout(r, 20));
    await releaseHeld();
    await expect(next).resolves.toBeDefined();
  });

  it('answers a write outside any transaction only after its fsync', async () => {
    let done = false;
    const write = synced.insertInto('items').values({ label: 'alone' } as never).execute().then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(visibleElsewhere()).toEqual(['alone']);
    expect(done).toBe(false);
    await releaseHeld();
    await write;
    expect(done).toBe(true);
  });

  it('ends a read only transaction without waiting for the fsync of the group it read in, and refuses writes in it', async () => {
    let written = false;
    const write = put('pending').then(() => (written = true));
    const read = synced
      .transaction()
      .setAccessMode('read only')
      .execute((tx) => tx.selectFrom('items').select('label').execute());
    await new Promise((r) => setTimeout(r, 20));
    expect(held).toHaveLength(1); // the group's fsync, held back
    expect(written).toBe(false);
    // Same turn, same group: the read saw the write, and ended without waiting for that fsync.
    expect((await read).map((r) => r.label)).toEqual(['pending']);
    await expect(
      synced
        .transaction()
        .setAccessMode('read only')
        .execute((tx) => tx.insertInto('items').values({ label: 'sneaked' } as never).execute()),
    ).rejects.toThrow('a read only transaction cannot write');
    await releaseHeld();
    await write;
    await releaseHeld();
    expect(visibleElsewhere()).toEqual(['pending']);
  });

  it('syncs the WAL with fdatasync when no sync is given, before answering', async () => {
    const conn2 = new BetterSqlite3(file);
    conn2.pragma('journal_mode = WAL');
    const calls: string[] = [];
    const real = fs.fdatasync;
    // The driver reads fs.fdatasync when it is created: wrap it for that moment only.
    fs.fdatasync = ((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      calls.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
      real(fd, done);
    }) as typeof fs.fdatasync;
    let plain: Kysely<Schema>;
    try {
      plain = new Kysely<Schema>({ dialect: new SqliteDialect(conn2, { syncWalOffThread: true }) });
      await plain.transaction().execute((tx) => tx.insertInto('items').values({ label: 'synced' } as never).execute());
    } finally {
      fs.fdatasync = real;
    }
    try {
      expect(calls).toEqual([`${fs.realpathSync(file)}-wal`]);
      expect(visibleElsewhere()).toEqual(['synced']);
    } finally {
      await plain.destroy();
    }
  });

  it('refuses a database not in WAL mode', () => {
    const memory = new BetterSqlite3(':memory:');
    try {
      expect(() => new SqliteDialect(memory, { syncWalOffThread: true }).createDriver()).toThrow(/WAL/);
    } finally {
      memory.close();
    }
  });
});
