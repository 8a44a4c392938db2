import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, SavedView } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { createUser } from '../../identity/index.js';

const clock = manualClock();
let rt: TestRuntime;
let me: Record<string, string>;
let other: Record<string, string>;
beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  me = (await rt.signIn()).headers;
  const created = await createUser(rt.deps, SYSTEM_ACTOR, { email: 'sales.views@example.com', name: 'Sales Views', role: 'sales', password: 'correct-horse-9', locale: 'en' });
  if (!created.ok) throw new Error('user not created');
  other = (await rt.signIn('sales.views@example.com', 'correct-horse-9')).headers;
});
afterAll(() => rt?.close());

const URL = '/api/v1/saved-views';
const list = (headers: Record<string, string>, page = 'orders') => rt.app.inject({ method: 'GET', url: `${URL}?page=${page}`, headers });
const create = (headers: Record<string, string>, payload: unknown) => rt.app.inject({ method: 'POST', url: URL, headers, payload: payload as Record<string, unknown> });
const remove = (headers: Record<string, string>, id: string) => rt.app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers });

describe('saved views', () => {
  let mine: SavedView;

  it('creates, lists and deletes my views, with audit entries', async () => {
    const res = await create(me, { page: 'orders', name: '  My urgent ', query: { priority: 'urgent', overdue: 'true' } });
    expect(res.statusCode).toBe(201);
    mine = res.json<SavedView>();
    expect(mine).toMatchObject({ page: 'orders', name: 'My urgent', query: { priority: 'urgent', overdue: 'true' }, createdAt: clock.iso() });
    expect(mine.id).toMatch(/^viw_/);
    const second = await create(me, { page: 'orders', name: 'Placed', query: { status: 'placed' } });
    expect(second.statusCode).toBe(201);
    expect((await create(me, { page: 'customers', name: 'Placed', query: { tag: 'vip' } })).statusCode).toBe(201);

    const listed = await list(me);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: SavedView[] }>().items.map((v) => v.name)).toEqual(['My urgent', 'Placed']);
    expect((await list(me, 'customers')).json<{ items: SavedView[] }>().items.map((v) => v.query)).toEqual([{ tag: 'vip' }]);

    const deleted = await remove(me, second.json<SavedView>().id);
    expect(deleted.statusCode).toBe(200);
    expect((await list(me)).json<{ items: SavedView[] }>().items.map((v) => v.name)).toEqual(['My urgent']);
    expect((await remove(me, second.json<SavedView>().id)).statusCode).toBe(404);

    const audit = await rt.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'saved_view').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['saved_view.created', 'saved_view.created', 'saved_view.created', 'saved_view.deleted']);
  });

  it('keeps views private: another user neither sees nor deletes mine', async () => {
    expect((await list(other)).json<{ items: SavedView[] }>().items).toEqual([]);
    const res = await remove(other, mine.id);
    expect([res.statusCode, res.json<Problem>().code]).toEqual([404, 'not_found']);
    // the other user may use the same name
    expect((await create(other, { page: 'orders', name: 'My urgent', query: {} })).statusCode).toBe(201);
    expect((await list(me)).json<{ items: SavedView[] }>().items.map((v) => v.id)).toEqual([mine.id]);
  });

  it('answers 409 duplicate_view for a name I already use on the page', async () => {
    const res = await create(me, { page: 'orders', name: 'My urgent', query: { status: 'placed' } });
    expect([res.statusCode, res.json<Problem>().code]).toEqual([409, 'duplicate_view']);
    expect(res.json<Problem>().errors?.[0]?.path).toBe('body.name');
  });

  it('validates the body and the page with paths', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    const res = await create(me, { page: 'invoices', name: 'x'.repeat(61), query: tooMany, colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.path).sort()).toEqual(['body.colour', 'body.name', 'body.page', 'body.query']);
    const bad = await create(me, { page: 'orders', name: '', query: { status: 3 } });
    expect(bad.json<Problem>().errors?.map((e) => e.path).sort()).toEqual(['body.name', 'body.query.status']);
    const noPage = await rt.app.inject({ method: 'GET', url: URL, headers: me });
    expect([noPage.statusCode, noPage.json<Problem>().errors?.[0]?.path]).toEqual([400, 'query.page']);
  });

  it('gives an API key views of its own, apart from every user\'s', async () => {
    const key = await rt.asRole('admin');
    expect((await list(key)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await remove(key, mine.id)).statusCode).toBe(404);
    const created = await create(key, { page: 'orders', name: 'Key view', query: { status: 'placed' } });
    expect(created.statusCode).toBe(201);
    expect((await list(key)).json<{ items: { name: string }[] }>().items.map((v) => v.name)).toEqual(['Key view']);
    expect((await list(me)).json<{ items: { name: string }[] }>().items.map((v) => v.name)).not.toContain('Key view');
    expect((await rt.app.inject({ method: 'GET', url: `${URL}?page=orders` })).statusCode).toBe(401);
  });
});
