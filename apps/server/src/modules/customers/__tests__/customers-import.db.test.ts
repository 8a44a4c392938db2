import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { importCustomersCsv } from '../index.js';
import { asApi, countRows, customerOf, EXPECTED_ERRORS, SAMPLE, useRuntimes } from './helpers.js';

const start = useRuntimes();

describe('customer CSV import', () => {
  it('imports the good rows, reports each bad one with its line, and re-imports without duplicates', async () => {
    const rt = await start();
    const first = await importCustomersCsv(rt.deps, SYSTEM_ACTOR, SAMPLE);
    expect(first).toEqual({ ok: true, value: { totalRows: 8, created: 4, updated: 0, unchanged: 0, errors: EXPECTED_ERRORS } });
    const api = await asApi(rt);
    const list = (await api.list()).json().data as { id: string; name: string }[];
    expect(list.map((c) => c.name)).toEqual(['Acme Ltd', 'Multi Line Co', 'Plain Person', '王芳']);
    const acme = customerOf(await api.get(list[0]!.id));
    const sales = await rt.deps.db.selectFrom('users').select('id').where('email', '=', 'sales@example.com').executeTakeFirstOrThrow();
    expect(acme).toMatchObject({
      kind: 'business',
      email: 'orders@acme.example.com',
      phone: '+442079460958',
      tags: ['vip', 'wholesale'],
      consent: { marketing: true },
      accountManagerId: sales.id,
      addresses: [expect.objectContaining({ kind: 'billing', isDefault: true, name: 'Acme Ltd', line1: '1 High St', city: 'London', country: 'GB' })],
    });
    expect(customerOf(await api.get(list[1]!.id)).notes).toBe('first line\nsecond line');
    expect(customerOf(await api.get(list[2]!.id)).kind).toBe('individual');

    const again = await importCustomersCsv(rt.deps, SYSTEM_ACTOR, SAMPLE);
    expect(again).toEqual({ ok: true, value: { totalRows: 8, created: 0, updated: 0, unchanged: 4, errors: EXPECTED_ERRORS } });
    expect(await countRows(rt, 'customers')).toBe(4);

    const changed = SAMPLE.replace('020 7946 0958', '020 7946 0999');
    const third = await importCustomersCsv(rt.deps, SYSTEM_ACTOR, changed);
    expect(third.ok && [third.value.created, third.value.updated, third.value.unchanged]).toEqual([0, 1, 3]);
    expect(customerOf(await api.get(acme.id))).toMatchObject({ phone: '+442079460999', version: 2 });
    const audit = await rt.deps.db.selectFrom('audit_log').select('changes').where('entity_id', '=', acme.id).where('action', '=', 'customer.updated').execute();
    expect(Object.keys(JSON.parse(audit[0]!.changes))).toEqual(['phone']);
  });

  it('round-trips: an exported file imports back with nothing created or changed', async () => {
    const rt = await start();
    await importCustomersCsv(rt.deps, SYSTEM_ACTOR, SAMPLE);
    const api = await asApi(rt);
    const c = customerOf(await api.create({ kind: 'business', name: '上海华东机械有限公司', taxId: '91310000MA1FL8XQ2B', birthday: '1990-04-23', notes: 'Says "hi", twice;\nnew line', addresses: [
      { kind: 'billing', isDefault: true, name: 'HQ', line1: '浦东新区张江路 88 号', city: '上海', postalCode: '201203', country: 'CN' },
      { kind: 'shipping', isDefault: true, name: 'Depot', line1: '嘉定区 12 号', city: '上海', country: 'CN' },
    ] }));
    const res = await rt.app.inject({ method: 'GET', url: '/api/v1/customers/export.csv', headers: await rt.asRole('support') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="customers.csv"');
    const lines = res.body.split('\n');
    expect(lines[0]).toBe('kind,name,legal_name,tax_id,email,phone,locale,preferred_channel,birthday,tags,account_manager_email,notes,billing_line1,billing_city,billing_postal_code,billing_country,shipping_line1,shipping_city,shipping_postal_code,shipping_country,consent_marketing');
    expect(res.body).toContain('orders@acme.example.com');

    const back = await importCustomersCsv(rt.deps, SYSTEM_ACTOR, res.body);
    expect(back).toEqual({ ok: true, value: { totalRows: 5, created: 0, updated: 0, unchanged: 5, errors: [] } });
    expect(customerOf(await api.get(c.id)).version).toBe(1);

    const filtered = await rt.app.inject({ method: 'GET', url: '/api/v1/customers/export.csv?q=%E5%8D%8E%E4%B8%9C', headers: await rt.asRole('admin') });
    expect(filtered.body.trim().split('\n')).toHaveLength(1 + 2); // header + one record whose notes hold a line break
  });

  it('refuses a file it cannot read: unknown column, no name column, broken quoting', async () => {
    const rt = await start();
    expect(await importCustomersCsv(rt.deps, SYSTEM_ACTOR, 'name,e-mail\nA,a@b.c')).toEqual({ ok: false, error: { line: 1, message: expect.stringContaining('unknown column "e_mail"') } });
    expect(await importCustomersCsv(rt.deps, SYSTEM_ACTOR, 'email\na@b.c')).toEqual({ ok: false, error: { line: 1, message: 'the header has no "name" column' } });
    const broken = await importCustomersCsv(rt.deps, SYSTEM_ACTOR, 'name,notes\nA,ok\nB,"never closed\n');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error.message).toMatch(/not valid CSV/);
    expect(await countRows(rt, 'customers')).toBe(0);
  });
});
