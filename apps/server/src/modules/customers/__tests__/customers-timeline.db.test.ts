import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { DEMO_CUSTOMER_ID, seedDemoCustomers } from '../index.js';
import { acme, asApi, countRows, customerOf, useRuntimes } from './helpers.js';

const start = useRuntimes();

type Page = { data: TimelineEntry[]; nextCursor: string | null };

describe('customer timeline', () => {
  it('shows customer.created then customer.updated (newest first) once the worker ran', async () => {
    const clock = manualClock();
    const rt = await start({ clock });
    const api = await asApi(rt, 'sales');
    const c = customerOf(await api.create(acme()));
    clock.advance(60_000);
    await api.patch(c.id, { phone: '+44 20 7946 0000' }, '"1"');

    expect((await api.timeline(c.id)).json<Page>().data).toEqual([]); // nothing until the worker ran
    await rt.worker.drain();
    const res = await api.timeline(c.id);
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    expect(page.data.map((e) => e.type)).toEqual(['customer.updated', 'customer.created']);
    const apiKeyId = (await rt.deps.db.selectFrom('api_keys').select('id').where('role', '=', 'sales').executeTakeFirstOrThrow()).id;
    expect(page.data[0]).toMatchObject({
      occurredAt: '2026-11-22T09:01:00.000Z',
      actor: { type: 'api_key', id: apiKeyId },
      data: { customerId: c.id, changed: ['phone'], version: 2 },
    });
    expect(page.data[1]).toMatchObject({ occurredAt: '2026-11-22T09:00:00.000Z', data: { customerId: c.id, name: 'Acme Ltd' } });
    expect(page.nextCursor).toBeNull();
  });

  it('shows any event another module emits with customerId in its payload, exactly once, and pages through them', async () => {
    const clock = manualClock();
    const rt = await start({ clock });
    const api = await asApi(rt);
    const c = customerOf(await api.create(acme()));
    const other = customerOf(await api.create(acme({ name: 'Other', email: 'o@example.com', taxId: null })));
    for (let i = 1; i <= 3; i++) {
      clock.advance(1000);
      await rt.deps.db.transaction().execute((tx) =>
        emitEvent(tx, clock.iso(), { type: 'order.placed', aggregateType: 'order', aggregateId: `ord_${i}`, payload: { customerId: c.id, number: `SO-00000${i}`, actor: { type: 'user', id: 'usr_x' } } }),
      );
    }
    await rt.deps.db.transaction().execute((tx) => emitEvent(tx, clock.iso(), { type: 'stock.low', aggregateType: 'product', aggregateId: 'prd_1', payload: { sku: 'X' } }));
    await rt.worker.drain();

    // Delivered again (as after a crash between the effect and marking the event done): still once.
    await rt.deps.db.deleteFrom('outbox_handled').execute();
    await rt.deps.db.updateTable('outbox').set({ status: 'pending', locked_by: null, locked_until: null }).execute();
    await rt.worker.drain();

    const seen: TimelineEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (await api.timeline(c.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json<Page>();
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((e) => [e.type, e.data.number ?? null])).toEqual([
      ['order.placed', 'SO-000003'],
      ['order.placed', 'SO-000002'],
      ['order.placed', 'SO-000001'],
      ['customer.created', null],
    ]);
    expect(seen[0]!.actor).toEqual({ type: 'user', id: 'usr_x' });
    const otherTimeline = (await api.timeline(other.id)).json<Page>().data;
    expect(otherTimeline.map((e) => e.type)).toEqual(['customer.created']);
    expect(await rt.deps.db.selectFrom('customer_timeline').select('event_id').execute()).toHaveLength(5);
  });

  it('answers 404 for an unknown customer', async () => {
    const rt = await start();
    const res = await (await asApi(rt)).timeline('cus_unknown');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it('seeds the demo customers once, with cus_demo for the demo portal account, each with its creation on the timeline', async () => {
    const rt = await start();
    expect(await seedDemoCustomers(rt.deps)).toBe(true);
    expect(await seedDemoCustomers(rt.deps)).toBe(false);
    expect(await countRows(rt, 'customers')).toBe(25);
    const api = await asApi(rt);
    const demo = customerOf(await api.get(DEMO_CUSTOMER_ID));
    expect(demo).toMatchObject({ name: 'Demo Customer', email: 'customer@example.com', accountManagerName: 'Li Na' });
    expect((await api.list({ q: '华东' })).json().data.map((c: { name: string }) => c.name)).toEqual(['上海华东机械有限公司']);
    await rt.worker.drain();
    expect((await api.timeline(DEMO_CUSTOMER_ID)).json<Page>().data.map((e) => e.type)).toEqual(['customer.created']);
  });
});
