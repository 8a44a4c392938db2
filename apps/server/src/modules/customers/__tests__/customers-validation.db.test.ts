import { describe, expect, it } from 'vitest';
import { acme, asApi, countRows, customerOf, useRuntimes } from './helpers.js';

const start = useRuntimes();

describe('customers: bad input and duplicates', () => {
  it('answers 400 validation_failed with the exact path of each bad field, and writes nothing', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const cases: [object, { path: string; message?: string | RegExp }[]][] = [
      [acme({ email: 'not-an-email' }), [{ path: 'body.email', message: 'must be an email address such as name@example.com' }]],
      [acme({ phone: '12345' }), [{ path: 'body.phone', message: /international format such as \+86 138 0013 8000.*valid in GB/ }]],
      [acme({ contacts: [{ name: 'A', phone: 'call me' }] }), [{ path: 'body.contacts.0.phone', message: /must be a phone number/ }]],
      [acme({ addresses: [{ kind: 'billing', name: 'A', line1: 'x', city: 'y', country: 'China' }] }), [{ path: 'body.addresses.0.country', message: /ISO 3166-1 alpha-2/ }]],
      [acme({ contacts: [], addresses: [{ kind: 'billing', name: 'A', line1: 'x', city: 'y', country: 'ZZ' }] }), [{ path: 'body.addresses.0.country', message: /not a known ISO 3166-1/ }]],
      [acme({ favouriteColour: 'blue' }), [{ path: 'body.favouriteColour', message: 'is not a known field; remove it' }]],
      [
        acme({ contacts: [{ name: 'A', isPrimary: true }, { name: 'B', isPrimary: true }] }),
        [{ path: 'body.contacts.1.isPrimary', message: 'only one contact can be the primary contact' }],
      ],
      [
        acme({ addresses: [1, 2].map((n) => ({ kind: 'shipping', isDefault: true, name: `S${n}`, line1: 'x', city: 'y', country: 'CN' })) }),
        [{ path: 'body.addresses.1.isDefault', message: 'only one shipping address can be the default' }],
      ],
      [acme({ kind: 'robot' }), [{ path: 'body.kind' }]],
      [acme({ birthday: '31/12/1990' }), [{ path: 'body.birthday', message: 'must be a date such as 1990-04-23' }]],
      [acme({ accountManagerId: 'usr_nobody' }), [{ path: 'body.accountManagerId' }]],
    ];
    for (const [body, expected] of cases) {
      const res = await api.create(body);
      expect(res.statusCode, res.body).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe('validation_failed');
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(problem.errors.map((e: { path: string }) => e.path), res.body).toEqual(expected.map((e) => e.path));
      expected.forEach((e, i) => {
        if (e.message instanceof RegExp) expect(problem.errors[i].message).toMatch(e.message);
        else if (e.message) expect(problem.errors[i].message).toBe(e.message);
      });
    }
    expect(await countRows(rt, 'customers')).toBe(0);
    expect(await countRows(rt, 'outbox')).toBe(0);
  });

  it('reads national numbers in the country of the first address, else China', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const de = customerOf(await api.create(acme({ email: 'a@de.example', taxId: null, phone: '030 901820', addresses: [{ kind: 'billing', name: 'A', line1: 'x', city: 'Berlin', country: 'DE' }], contacts: [] })));
    expect(de.phone).toBe('+4930901820');
    const cn = customerOf(await api.create({ kind: 'individual', name: '王芳', phone: '138 0013 8000' }));
    expect(cn.phone).toBe('+8613800138000');
  });

  it('rejects the same email or tax id as another customer with 409 naming it, and writes nothing', async () => {
    const rt = await start();
    const api = await asApi(rt);
    const first = customerOf(await api.create(acme()));
    const before = { customers: await countRows(rt, 'customers'), audit: await countRows(rt, 'audit_log'), outbox: await countRows(rt, 'outbox') };

    const sameEmail = await api.create(acme({ name: 'Other', taxId: null, email: 'ORDERS@acme.example.com' }));
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json()).toMatchObject({
      code: 'duplicate_customer',
      errors: [{ path: 'body.email', message: `is already used by customer ${first.id} (Acme Ltd)` }],
    });
    expect(sameEmail.json().detail).toContain(`${first.id} (Acme Ltd)`);

    const sameTaxId = await api.create(acme({ name: 'Other', email: 'other@example.com', taxId: 'GB123456789' }));
    expect(sameTaxId.statusCode).toBe(409);
    expect(sameTaxId.json().errors).toEqual([{ path: 'body.taxId', message: `is already used by customer ${first.id} (Acme Ltd)` }]);

    expect({ customers: await countRows(rt, 'customers'), audit: await countRows(rt, 'audit_log'), outbox: await countRows(rt, 'outbox') }).toEqual(before);

    const second = customerOf(await api.create(acme({ name: 'Beta', email: 'beta@example.com', taxId: 'GB999' })));
    const clash = await api.patch(second.id, { email: 'orders@acme.example.com' }, '"1"');
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors).toEqual([{ path: 'body.email', message: `is already used by customer ${first.id} (Acme Ltd)` }]);
    expect(customerOf(await api.get(second.id))).toMatchObject({ email: 'beta@example.com', version: 1 });
  });

  it('creates exactly one customer from 10 concurrent creates with the same email', async () => {
    const rt = await start({ poolSize: 10 });
    const api = await asApi(rt);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.create(acme({ name: `Acme ${i}`, taxId: `GB${i}`, email: 'race@acme.example.com' }))),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const winner = results.find((r) => r.statusCode === 201)!.json();
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ code: 'duplicate_customer', errors: [{ path: 'body.email', message: `is already used by customer ${winner.id} (${winner.name})` }] });
    }
    expect(await countRows(rt, 'customers')).toBe(1);
    expect(await rt.deps.db.selectFrom('outbox').select('type').execute()).toEqual([{ type: 'customer.created' }]);
  });
});
