import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../database.js';

/** Write system calls this process has made so far (Linux). */
const writeCalls = () => Number(/^syscw: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1]);

let dir: string;
let handle: DatabaseHandle;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-subjournal-'));
  handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'test.db') });
});
afterEach(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite savepoints of a commit group', () => {
  it('keep their sub-journals in memory: a group writes its WAL frames and nothing else', async () => {
    const db = handle.db as unknown as Kysely<{ items: { id: number; body: string } }>;
    await sql`pragma wal_autocheckpoint = 0`.execute(db); // so the WAL only grows: its size counts the frames
    await sql`create table items (id integer primary key, body text not null)`.execute(db);
    const body = 'x'.repeat(900);
    for (let i = 0; i < 4; i++) {
      await db.transaction().execute(async (tx) => {
        for (let j = 0; j < 500; j++) await tx.insertInto('items').values({ id: i * 500 + j, body }).execute();
      });
    }
    const wal = path.join(dir, 'test.db-wal');
    const walBefore = fs.statSync(wal).size;
    const before = writeCalls();
    // Ten transactions in one event-loop turn share one COMMIT, each a savepoint that rewrites
    // every row: each journals about 500 pages, far past the 64 KiB at which a sub-journal in a
    // temporary file would start writing.
    await Promise.all(
      Array.from({ length: 10 }, (_, k) => db.transaction().execute((tx) => tx.updateTable('items').set({ body: sql`substr(body, 2) || ${String(k)}` }).execute())),
    );
    const calls = writeCalls() - before;
    const walGrowth = Math.max(0, fs.statSync(wal).size - walBefore);
    const frames = walGrowth / (4096 + 24);
    expect(frames).toBeGreaterThan(400);
    // SQLite writes a frame's header and its page separately; a sub-journal on disk would add
    // about 500 writes for each of the ten savepoints.
    expect(calls).toBeLessThanOrEqual(2 * frames + 20);
    expect((await sql<{ temp_store: number }>`pragma temp_store`.execute(db)).rows[0]?.temp_store).toBe(2);
  });
});
