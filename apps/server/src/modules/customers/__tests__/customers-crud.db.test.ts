import { describe, expect, it } from 'vitest';
import { acme, asApi, countRows, customerOf, useRuntimes } from './helpers.js';

const start = useRuntimes();

describe('customers: create, read, edit', () => {
  it('creates a customer with normalised email and phones, contacts, addresses, audit entry and event', async () => {
    const rt = await start();
    const api = await asApi(rt, 'sales');
    const res = await api.create(acme());
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const c = customerOf(res);
    expect(c.id).toMatch(/^cus_/);
    expect(c).toMatchObject({
      kind: 'business',
      name: 'Acme Ltd',
      taxId: 'GB123456789',
      email: 'orders@acme.example.com',
      phone: '+442079460958',
      locale: 'en',
      preferredChannel: 'email',
      tags: ['vip', 'wholesale'],
      consent: { marketing: false, email: true, sms: true, phone: true, portal: true },
      version: 1,
      accountManagerId: null,
      accountManagerName: null,
    });
    expect(c.contacts).toEqual([{ id: expect.stringMatching(/^cct_/), name: 'Sarah Thompson', role: 'Buyer', email: 'sarah@acme.example.com', phone: '+447911123456', isPrimary: true }]);
    expect(c.addresses).toEqual([expect.objectContaining({ kind: 'billing', isDefault: true, country: 'GB', line1: '1 High Street' })]);

    const got = await api.get(c.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(c);

    const audit = await rt.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', c.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'customer.created', entity_type: 'customer', actor_type: 'api_key' });
    expect(JSON.parse(audit[0]!.changes).email).toEqual({ from: null, to: 'orders@acme.example.com' });

    const events = await rt.deps.db.selectFrom('outbox').selectAll().where('aggregate_id', '=', c.id).execute();
    expect(events.map((e) => e.type)).toEqual(['customer.created']);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ customerId: c.id, name: 'Acme Ltd', actor: { type: 'api_key' } });
  });

  it('answers 404 for an unknown customer', async () => {
    const rt = await start();
    const res = await (await asApi(rt)).get('cus_nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it('patches with If-Match: bumps the version, audits the changed fields, emits customer.updated; 412 when stale, 428 without it', async () => {
    const rt = await start();
    const api = await asApi(rt, 'support');
    const c = customerOf(await api.create(acme()));

    const missing = await api.patch(c.id, { name: 'Acme Limited' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ code: 'if_match_required', errors: [{ path: 'header.if-match', message: 'is required' }] });

    const garbled = await api.patch(c.id, { name: 'Acme Limited' }, 'version one');
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().errors).toEqual([{ path: 'header.if-match', message: expect.any(String) }]);

    const res = await api.patch(c.id, { name: 'Acme Limited', tags: ['retail'], consent: { marketing: true } }, '"1"');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    const updated = customerOf(res);
    expect(updated).toMatchObject({ name: 'Acme Limited', tags: ['retail'], version: 2, consent: { marketing: true, email: true } });
    expect(updated.contacts).toEqual(c.contacts); // not in the patch: kept

    const stale = await api.patch(c.id, { name: 'Acme Again' }, '"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    expect(stale.json().detail).toContain('version 2');
    expect(customerOf(await api.get(c.id)).name).toBe('Acme Limited');

    const audit = await rt.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer.updated').execute();
    expect(audit).toHaveLength(1);
    const changes = JSON.parse(audit[0]!.changes);
    expect(Object.keys(changes).sort()).toEqual(['consent', 'name', 'tags']);
    expect(changes.name).toEqual({ from: 'Acme Ltd', to: 'Acme Limited' });

    const events = await rt.deps.db.selectFrom('outbox').selectAll().where('type', '=', 'customer.updated').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ customerId: c.id, changed: ['name', 'tags', 'consent'], version: 2 });
  });

  it('treats a patch that changes nothing as no write: same version, no audit, no event', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const c = customerOf(await api.create(acme()));
    const res = await api.patch(c.id, { name: 'Acme Ltd', email: 'ORDERS@acme.example.com', phone: '+44 20 7946 0958', tags: ['wholesale', 'vip'] }, 'W/"1"');
    expect(res.statusCode).toBe(200);
    expect(customerOf(res).version).toBe(1);
    expect(await rt.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'customer').execute()).toEqual([{ action: 'customer.created' }]);
    expect((await rt.deps.db.selectFrom('outbox').select('type').execute()).map((e) => e.type)).toEqual(['customer.created']);
  });

  it('replaces contacts and addresses when a patch sends them, and clears a field sent as null', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const c = customerOf(await api.create(acme()));
    const res = await api.patch(
      c.id,
      {
        legalName: null,
        contacts: [{ name: 'Li Wei', phone: '+86 139 1234 5678' }],
        addresses: [
          { kind: 'shipping', isDefault: true, name: 'Acme DE', line1: 'Hafenstraße 5', city: 'Hamburg', country: 'DE', phone: '040 3456789' },
          { kind: 'billing', name: 'Acme Ltd', line1: '1 High Street', city: 'London', country: 'GB' },
        ],
      },
      '"1"',
    );
    const u = customerOf(res);
    expect(u.legalName).toBeNull();
    expect(u.contacts).toEqual([{ id: expect.any(String), name: 'Li Wei', phone: '+8613912345678', isPrimary: false }]);
    expect(u.addresses.map((a) => [a.kind, a.country, a.isDefault, a.phone])).toEqual([['shipping', 'DE', true, '+49403456789'], ['billing', 'GB', false, undefined]]);
    const rows = await rt.deps.db.selectFrom('customer_contacts').select('name').where('customer_id', '=', c.id).execute();
    expect(rows.map((r) => r.name)).toEqual(['Li Wei']);
  });

  it('lets sales, support, managers and admins write and every staff role read; warehouse cannot create', async () => {
    const rt = await start();
    const warehouse = await asApi(rt, 'warehouse');
    const denied = await warehouse.create(acme());
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'forbidden' });
    expect(await countRows(rt, 'customers')).toBe(0);
    const c = customerOf(await (await asApi(rt, 'manager')).create(acme()));
    expect((await warehouse.get(c.id)).statusCode).toBe(200);
    expect((await warehouse.patch(c.id, { name: 'x' }, '"1"')).statusCode).toBe(403);
    expect((await (await asApi(rt, 'finance')).list()).statusCode).toBe(200);
  });

  it('replays a create with the same Idempotency-Key instead of creating twice', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const first = await api.create(acme(), { 'idempotency-key': 'k-1' });
    const again = await api.create(acme(), { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await countRows(rt, 'customers')).toBe(1);
  });

  it('shows the account manager by name and accepts only active staff users', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const sales = await rt.deps.db.selectFrom('users').select(['id', 'name']).where('email', '=', 'sales@example.com').executeTakeFirstOrThrow();
    const c = customerOf(await api.create(acme({ accountManagerId: sales.id })));
    expect(c).toMatchObject({ accountManagerId: sales.id, accountManagerName: sales.name });
    const bad = await api.patch(c.id, { accountManagerId: 'usr_unknown' }, '"1"');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'body.accountManagerId', message: 'is not an active staff user (usr_unknown)' }]);
  });
});
