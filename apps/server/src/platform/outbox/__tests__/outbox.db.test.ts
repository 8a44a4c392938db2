import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../../test/support/clock.js';
import { dbKind, testConfig } from '../../../../test/support/db.js';
import { startTestRuntime } from '../../../../test/support/runtime.js';
import { recordAudit } from '../../audit.js';
import { SYSTEM_ACTOR } from '../../auth/index.js';
import { cancelTimer, createWorker, emitEvent, scheduleTimer, type OutboxHandler } from '../index.js';
import { effects, event, start } from './helpers.js';

/** A handler whose database effect (an audit row) is exactly-once through ctx.once. */
function countingHandler(seen: string[], options: { failFirst?: number } = {}): OutboxHandler {
  let failuresLeft = options.failFirst ?? 0;
  return {
    name: 'test.counter',
    events: ['test.happened'],
    async handle(ctx) {
      seen.push(ctx.event.id);
      await ctx.once(async (tx) => {
        await recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'test.handled', entityType: 'test', entityId: ctx.event.id, at: ctx.event.createdAt });
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('simulated crash after the effect, before commit');
        }
      });
    },
  };
}

describe('transactional outbox', () => {
  it('writes events only when the business transaction commits', async () => {
    const rt = await start();
    await expect(
      rt.deps.db.transaction().execute(async (tx) => {
        await emitEvent(tx, rt.deps.clock.now().toISOString(), event(1));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rt.deps.db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
    await rt.deps.db.transaction().execute((tx) => emitEvent(tx, rt.deps.clock.now().toISOString(), event(2)));
    const rows = await rt.deps.db.selectFrom('outbox').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, aggregate_id: 't_2' });
  });

  it('runs the handler exactly once after a crash between commit and handling', async () => {
    const config = await testConfig();
    const before = await startTestRuntime({ config });
    const id = await before.deps.db.transaction().execute((tx) => emitEvent(tx, before.deps.clock.now().toISOString(), event(1)));
    await before.close(); // the process dies before any worker saw the event

    const seen: string[] = [];
    const after = await start({ config, extraHandlers: [countingHandler(seen)] });
    expect(await after.worker.drain()).toBe(1);
    expect(await after.worker.drain()).toBe(0);
    expect(seen).toEqual([id]);
    expect(await effects(after, id)).toEqual([id]);
    const row = await after.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    expect(row.processed_at).not.toBeNull();
  });

  it('runs transactional handlers of a batch in one transaction; a failing event rolls back alone and is retried', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    let failOn: number | null = 2;
    const batched: OutboxHandler = {
      name: 'test.batched',
      events: ['test.happened'],
      transactional: true,
      async handle(ctx) {
        await ctx.once(async (tx) => {
          await recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'test.handled', entityType: 'test', entityId: ctx.event.id, at: ctx.event.createdAt });
          if (ctx.event.payload.n === failOn) throw new Error(`event ${failOn} fails`);
        });
      },
    };
    // A handler doing I/O runs outside the batch, after it, for the same events.
    const outside: OutboxHandler = { name: 'test.outside', events: ['test.happened'], handle: async (ctx) => void seen.push(ctx.event.id) };
    const rt = await start({ clock, extraHandlers: [batched, outside] });
    const ids = await rt.deps.db.transaction().execute(async (tx) => [await emitEvent(tx, clock.iso(), event(1)), await emitEvent(tx, clock.iso(), event(2)), await emitEvent(tx, clock.iso(), event(3))]);

    expect(await rt.worker.drain()).toBe(3);
    expect((await effects(rt)).sort()).toEqual([ids[0], ids[2]].sort()); // event 2's effect rolled back to its savepoint
    expect(seen.sort()).toEqual([ids[0], ids[2]].sort()); // and its other handlers wait for the retry
    const rows = await rt.deps.db.selectFrom('outbox').select(['id', 'status', 'last_error']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['done', 'pending', 'done']);
    expect(rows[1]!.last_error).toContain('event 2 fails');
    const marks = await rt.deps.db.selectFrom('outbox_handled').select('event_id').where('event_id', '=', ids[1]!).execute();
    expect(marks).toEqual([]);

    failOn = null;
    clock.advance(10_000);
    expect(await rt.worker.drain()).toBe(1);
    expect((await effects(rt)).sort()).toEqual([...ids].sort());
    expect(seen.filter((id) => id === ids[1])).toHaveLength(1);
    expect(await rt.deps.db.selectFrom('outbox').select('status').where('status', '!=', 'done').execute()).toEqual([]);
  });

  it('retries a handler that crashed mid-way with backoff, keeping its effect exactly-once', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    const rt = await start({ clock, extraHandlers: [countingHandler(seen, { failFirst: 1 })] });
    const id = await rt.deps.db.transaction().execute((tx) => emitEvent(tx, clock.iso(), event(1)));

    expect(await rt.worker.drain()).toBe(1);
    const failed = await rt.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toContain('simulated crash');
    expect(Date.parse(failed.available_at)).toBeGreaterThan(clock.now().getTime());
    expect(await effects(rt, id)).toEqual([]); // the effect rolled back with the crash

    expect(await rt.worker.drain()).toBe(0); // not due yet
    clock.advance(10_000);
    expect(await rt.worker.drain()).toBe(1);
    expect(await effects(rt, id)).toEqual([id]);
    expect(seen).toEqual([id, id]);
    const done = await rt.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });

  it('picks up an event whose worker died holding it once the lease expires', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    const rt = await start({ clock, extraHandlers: [countingHandler(seen)] });
    const id = await rt.deps.db.transaction().execute((tx) => emitEvent(tx, clock.iso(), event(1)));
    const leaseEnd = new Date(clock.now().getTime() + 60_000).toISOString();
    await rt.deps.db.updateTable('outbox').set({ locked_by: 'wrk_dead', locked_until: leaseEnd, attempts: 1 }).where('id', '=', id).execute();

    expect(await rt.worker.drain()).toBe(0);
    clock.advance(61_000);
    expect(await rt.worker.drain()).toBe(1);
    expect(seen).toEqual([id]);
    expect(await effects(rt, id)).toEqual([id]);
  });

  it('marks an event failed after its attempts run out, shows it to admins and lets them retry it', async () => {
    const clock = manualClock();
    let broken = true;
    const handler: OutboxHandler = {
      name: 'test.flaky',
      events: '*',
      async handle() {
        if (broken) throw new Error('smtp down');
      },
    };
    const rt = await start({ clock, extraHandlers: [handler] });
    const id = await rt.deps.db.transaction().execute((tx) => emitEvent(tx, clock.iso(), event(1)));
    for (let i = 0; i < 15; i++) {
      await rt.worker.drain();
      clock.advance(4_400_000); // past the longest backoff (1 h + 20 % jitter)
    }
    const admin = await rt.asRole('admin');
    const list = await rt.app.inject({ method: 'GET', url: '/api/v1/outbox?status=failed', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([expect.objectContaining({ id, status: 'failed', attempts: 15, lastError: 'Error: smtp down' })]);

    expect((await rt.app.inject({ method: 'POST', url: `/api/v1/outbox/${id}/retry`, headers: await rt.asRole('support') })).statusCode).toBe(403);
    const retry = await rt.app.inject({ method: 'POST', url: `/api/v1/outbox/${id}/retry`, headers: admin });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'pending', attempts: 0 });
    broken = false;
    expect(await rt.worker.drain()).toBe(1);
    expect((await rt.deps.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('done');
    const audit = await rt.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityType=outbox_event&entityId=${id}`, headers: admin });
    expect(audit.json().data[0]).toMatchObject({ action: 'outbox.retried', changes: { status: { from: 'failed', to: 'pending' } } });
    const again = await rt.app.inject({ method: 'POST', url: `/api/v1/outbox/${id}/retry`, headers: admin });
    expect(again.statusCode).toBe(409);
  });

  it('holds timers until they are due, stores one per dedupe key and can cancel them', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    const rt = await start({ clock, extraHandlers: [countingHandler(seen)] });
    const due = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const first = await rt.deps.db.transaction().execute((tx) => scheduleTimer(tx, clock.iso(), due, { ...event(1), dedupeKey: 'reminder:1' }));
    const second = await rt.deps.db.transaction().execute((tx) => scheduleTimer(tx, clock.iso(), due, { ...event(1), dedupeKey: 'reminder:1' }));
    expect(second).toBe(first);
    await rt.deps.db.transaction().execute((tx) => scheduleTimer(tx, clock.iso(), due, { ...event(2), dedupeKey: 'reminder:2' }));
    expect(await rt.deps.db.transaction().execute((tx) => cancelTimer(tx, 'reminder:2'))).toBe(true);

    expect(await rt.worker.drain()).toBe(0);
    clock.advance(3_600_000);
    expect(await rt.worker.drain()).toBe(1);
    expect(seen).toEqual([first]);
  });

  it('never lets two workers handle the same event', async () => {
    const config = await testConfig();
    const seen: string[] = [];
    const a = await start({ config, extraHandlers: [countingHandler(seen)], poolSize: 4 });
    // PostgreSQL: a second runtime with its own connection pool, as a second process would have.
    // SQLite: a second worker on the same handle (two handles in one thread would block each
    // other synchronously; across processes busy_timeout serialises them).
    const b = dbKind === 'postgres' ? await start({ config, extraHandlers: [], poolSize: 4 }) : a;
    const workerB = createWorker({ db: b.deps.db, ops: b.deps.ops, clock: b.deps.clock, logger: b.deps.logger, handlers: [countingHandler(seen)], batchSize: 7 });
    const now = a.deps.clock.now().toISOString();
    await a.deps.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 300; i++) await emitEvent(tx, now, event(i));
    });
    const [na, nb] = await Promise.all([a.worker.drain(), workerB.drain()]);
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    expect(na + nb).toBe(300);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    expect(await effects(a)).toHaveLength(300);
    const pending = await a.deps.db.selectFrom('outbox').select('id').where('status', '!=', 'done').execute();
    expect(pending).toHaveLength(0);
  });
  it('grows its batch while claims come back full and shrinks it when they do not (minBatchSize)', async () => {
    const rt = await start({ extraHandlers: [] });
    const seen: string[] = [];
    const worker = createWorker({ db: rt.deps.db, ops: rt.deps.ops, clock: rt.deps.clock, logger: rt.deps.logger, handlers: [countingHandler(seen)], minBatchSize: 2, batchSize: 8 });
    await rt.worker.drain(); // whatever set-up queued
    const now = rt.deps.clock.now().toISOString();
    await rt.deps.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 20; i++) await emitEvent(tx, now, event(i));
    });
    const sizes: number[] = [];
    for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) sizes.push(n);
    expect(sizes).toEqual([2, 4, 8, 6]);
    expect(new Set(seen).size).toBe(20);
  });

  it('splits a batch into transactions of at most eventsPerTransaction events; a failure stays in its own', async () => {
    const rt = await start({ extraHandlers: [] });
    await rt.worker.drain(); // whatever set-up queued
    const txOf = new Map<string, unknown>();
    const batched: OutboxHandler = {
      name: 'test.batched',
      events: ['test.happened'],
      transactional: true,
      async handle(ctx) {
        txOf.set(ctx.event.id, ctx.db);
        await ctx.once(async (tx) => {
          await recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'test.handled', entityType: 'test', entityId: ctx.event.id, at: ctx.event.createdAt });
          if (ctx.event.payload.n === 6) throw new Error('event 6 fails');
        });
      },
    };
    const worker = createWorker({ db: rt.deps.db, ops: rt.deps.ops, clock: rt.deps.clock, logger: rt.deps.logger, handlers: [batched], batchSize: 10, eventsPerTransaction: 4 });
    const ids = await rt.deps.db.transaction().execute(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 10; i++) out.push(await emitEvent(tx, rt.deps.clock.now().toISOString(), event(i)));
      return out;
    });
    expect(await worker.runOnce()).toBe(10);
    // Claimed in order: events 0-3, 4-7 and 8-9 each shared a transaction, and no two groups did.
    const groups = ids.map((id) => txOf.get(id));
    expect(new Set(groups).size).toBe(3);
    expect(groups.slice(0, 4).every((t) => t === groups[0])).toBe(true);
    expect(groups.slice(4, 8).every((t) => t === groups[4])).toBe(true);
    expect(groups[8]).toBe(groups[9]);
    expect((await effects(rt)).sort()).toEqual(ids.filter((_, i) => i !== 6).sort());
    const pending = await rt.deps.db.selectFrom('outbox').select('id').where('status', '!=', 'done').where('id', 'in', ids).execute();
    expect(pending.map((r) => r.id)).toEqual([ids[6]]);
  });

  it('lets events gather after a partly full claim (lingerMs), instead of claiming each as it comes', async () => {
    const rt = await start({ extraHandlers: [] });
    await rt.worker.drain(); // whatever set-up queued
    const batches: number[] = [];
    const batching: OutboxHandler = { ...countingHandler([]), transactional: true, prepare: async (_tx, events) => void batches.push(events.length) };
    const worker = createWorker({ db: rt.deps.db, ops: rt.deps.ops, clock: rt.deps.clock, logger: rt.deps.logger, handlers: [batching], batchSize: 50, pollMs: 5, lingerMs: 1500 });
    const emitOne = (i: number) => rt.deps.db.transaction().execute((tx) => emitEvent(tx, rt.deps.clock.now().toISOString(), event(i)));
    await emitOne(0);
    worker.start();
    try {
      await expect.poll(() => batches.length).toBe(1);
      // Six more, one every 25 ms, while the worker waits: without the wait, each is a batch of its own.
      for (let i = 1; i <= 6; i++) {
        await emitOne(i);
        await new Promise((r) => setTimeout(r, 25));
      }
      await expect.poll(() => batches.reduce((a, b) => a + b, 0), { timeout: 5000 }).toBe(7);
      expect(batches).toEqual([1, 6]);
    } finally {
      await worker.stop();
    }
  });

  it('claims wakeDelayMs after a wake, so the events of the requests in between share a batch; stop ends the wait at once', async () => {
    const rt = await start({ extraHandlers: [] });
    await rt.worker.drain(); // whatever set-up queued
    const batches: number[] = [];
    const batching: OutboxHandler = { ...countingHandler([]), transactional: true, prepare: async (_tx, events) => void batches.push(events.length) };
    // Idle, it would look again only after a minute: only the wakes bring claims forward.
    const worker = createWorker({ db: rt.deps.db, ops: rt.deps.ops, clock: rt.deps.clock, logger: rt.deps.logger, handlers: [batching], batchSize: 50, pollMs: 60_000, lingerMs: 60_000, wakeDelayMs: 300 });
    const emitOne = (i: number) => rt.deps.db.transaction().execute((tx) => emitEvent(tx, rt.deps.clock.now().toISOString(), event(i)));
    worker.start();
    try {
      await new Promise((r) => setTimeout(r, 50)); // the first claim found nothing: the worker waits
      const woken = Date.now();
      // Five requests, one every 20 ms, each waking the worker: a wake claiming at once took the first alone.
      for (let i = 0; i < 5; i++) {
        await emitOne(i);
        worker.wake();
        await new Promise((r) => setTimeout(r, 20));
      }
      await expect.poll(() => batches.length, { timeout: 5000 }).toBe(1);
      expect(batches).toEqual([5]);
      expect(Date.now() - woken).toBeGreaterThanOrEqual(250);
      // Later wakes do not push the claim back: each waits at most wakeDelayMs.
      await emitOne(5);
      worker.wake();
      await new Promise((r) => setTimeout(r, 200));
      worker.wake();
      await expect.poll(() => batches.length, { timeout: 250 }).toBe(2);
      const stopping = Date.now();
      await worker.stop();
      expect(Date.now() - stopping).toBeLessThan(1000);
    } finally {
      await worker.stop();
    }
  });
});
