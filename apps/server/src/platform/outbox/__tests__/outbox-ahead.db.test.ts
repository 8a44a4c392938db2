import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../../test/support/clock.js';
import { recordAudit } from '../../audit.js';
import { SYSTEM_ACTOR } from '../../auth/index.js';
import { emitEvent, type OutboxHandler } from '../index.js';
import { effects, event, start } from './helpers.js';

describe("outbox handlers' ahead: work done before the batch's transaction", () => {
  it("hands each event what the handler's ahead worked out, outside the batch's transaction, and only the rest to prepare", async () => {
    const clock = manualClock();
    const prepared: number[][] = [];
    const handled: [number, unknown][] = [];
    let aheadCalls = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const working: OutboxHandler = {
      name: 'test.ahead',
      events: ['test.happened'],
      transactional: true,
      async ahead(db, events) {
        aheadCalls += 1;
        // Waits for a write that needs the connection: inside the batch's transaction (or the
        // claim's) this wait would never end on SQLite, which has one connection.
        await released;
        const rows = await db.selectFrom('outbox').select(['id', 'aggregate_id']).where('id', 'in', events.map((e) => e.id)).execute();
        // Nothing ahead for event 2: it is prepared and handled in the transaction.
        return new Map(rows.filter((r) => r.aggregate_id !== 't_2').map((r) => [r.id, `ahead:${r.aggregate_id}`]));
      },
      async prepare(_tx, events) {
        prepared.push(events.map((e) => e.payload.n as number));
      },
      async handle(ctx) {
        handled.push([ctx.event.payload.n as number, ctx.ahead]);
        await ctx.once(async (tx) => {
          await recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'test.handled', entityType: 'test', entityId: ctx.event.id, at: ctx.event.createdAt });
        });
      },
    };
    const rt = await start({ clock, extraHandlers: [working] });
    await rt.deps.db.transaction().execute(async (tx) => {
      for (const n of [1, 2, 3]) await emitEvent(tx, clock.iso(), event(n));
    });
    const drained = rt.worker.drain();
    await expect.poll(() => aheadCalls).toBe(1);
    await rt.deps.db.transaction().execute((tx) => recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'test.meanwhile', entityType: 'test', entityId: 'x', at: clock.iso() }));
    release();
    expect(await drained).toBe(3);
    expect(prepared).toEqual([[2]]);
    expect(handled.sort((a, b) => a[0] - b[0])).toEqual([
      [1, 'ahead:t_1'],
      [2, undefined],
      [3, 'ahead:t_3'],
    ]);
    expect(await effects(rt)).toHaveLength(3);
  });

  it("handles every event as without ahead when a handler's ahead fails", async () => {
    const handled: unknown[] = [];
    const failing: OutboxHandler = {
      name: 'test.ahead_fails',
      events: ['test.happened'],
      transactional: true,
      ahead: async () => {
        throw new Error('cannot work ahead');
      },
      async handle(ctx) {
        handled.push(ctx.ahead);
        await ctx.once((tx) => recordAudit(tx, { actor: SYSTEM_ACTOR, action: 'test.handled', entityType: 'test', entityId: ctx.event.id, at: ctx.event.createdAt }));
      },
    };
    const rt = await start({ extraHandlers: [failing] });
    await rt.deps.db.transaction().execute((tx) => emitEvent(tx, rt.deps.clock.now().toISOString(), event(1)));
    expect(await rt.worker.drain()).toBe(1);
    expect(handled).toEqual([undefined]);
    expect(await effects(rt)).toHaveLength(1);
    expect(await rt.deps.db.selectFrom('outbox').select('status').execute()).toEqual([{ status: 'done' }]);
  });
});
