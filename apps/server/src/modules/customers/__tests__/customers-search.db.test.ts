import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { CreateCustomerRequest, CustomerSummary } from '@ordercare/contracts';
import { CreateCustomerRequest as CreateSchema } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { bulkInsertCustomers } from '../index.js';
import { DRIVE_LIMIT } from '../customer-search.repo.js';
import { asApi, customerOf, type Api } from './helpers.js';

let rt: TestRuntime;
let api: Api;
let salesId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  rt = await startTestRuntime();
  api = await asApi(rt, 'support');
  salesId = (await rt.deps.db.selectFrom('users').select('id').where('email', '=', 'sales@example.com').executeTakeFirstOrThrow()).id;
  const seeds: Record<string, object> = {
    acme: { kind: 'business', name: 'Acme Industrial Supplies', legalName: 'Acme Holdings Limited', email: 'john.smith@acme-industrial.co.uk', phone: '+44 20 7946 0958', taxId: 'GB123456789', tags: ['wholesale', 'vip'] },
    hdjx: { kind: 'business', name: '上海华东机械有限公司', email: 'buy@hdjx.cn', phone: '021 6234 5678', tags: ['vip'], accountManagerId: salesId },
    wang: { kind: 'individual', name: '王芳', phone: '138 0013 8000', tags: ['retail'], accountManagerId: salesId },
    muller: { kind: 'business', name: 'Müller Antriebstechnik GmbH', email: 'einkauf@mueller.example.de', taxId: 'DE811234567', tags: ['wholesale'] },
    smith: { kind: 'individual', name: 'Jane Smith', email: 'jane@example.com', contacts: [{ name: 'Bob Acme-Friend', phone: '+49 151 23456789' }] },
  };
  for (const [key, body] of Object.entries(seeds)) ids[key] = customerOf(await api.create(body)).id;
});
afterAll(() => rt?.close());

async function search(query: Record<string, string | number>): Promise<string[]> {
  const res = await api.list(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: CustomerSummary[] }>().data.map((c) => c.id);
}
const idsOf = (...keys: string[]) => keys.map((k) => ids[k]);

describe('customer search', () => {
  it('matches the start of any word of the name or legal name, accents and case ignored', async () => {
    expect(await search({ q: 'acme' })).toEqual(idsOf('acme', 'smith')); // Acme Industrial; Jane Smith's contact "Bob Acme-Friend"
    expect(await search({ q: 'indus' })).toEqual(idsOf('acme'));
    expect(await search({ q: 'HOLDINGS' })).toEqual(idsOf('acme'));
    expect(await search({ q: 'muller antrieb' })).toEqual(idsOf('muller'));
    expect(await search({ q: 'Mül' })).toEqual(idsOf('muller'));
    expect(await search({ q: 'dustrial' })).toEqual([]); // inside a Latin word: no
  });

  it('matches any part of a Chinese name', async () => {
    expect(await search({ q: '华东' })).toEqual(idsOf('hdjx'));
    expect(await search({ q: '机械' })).toEqual(idsOf('hdjx'));
    expect(await search({ q: '上海华东机械有限公司' })).toEqual(idsOf('hdjx'));
    expect(await search({ q: '芳' })).toEqual(idsOf('wang'));
    expect(await search({ q: '华西' })).toEqual([]);
  });

  it('matches email (whole, local part, domain), phone digits with or without country code, and tax id', async () => {
    expect(await search({ q: 'john.smith@acme' })).toEqual(idsOf('acme'));
    expect(await search({ q: 'john.smith' })).toEqual(idsOf('acme'));
    expect(await search({ q: 'jane@example.com' })).toEqual(idsOf('smith'));
    expect(await search({ q: 'mueller.example' })).toEqual(idsOf('muller'));
    expect(await search({ q: '13800138000' })).toEqual(idsOf('wang'));
    expect(await search({ q: '+86 138 0013 8000' })).toEqual(idsOf('wang'));
    expect(await search({ q: '138-0013' })).toEqual(idsOf('wang'));
    expect(await search({ q: '020 7946' })).toEqual(idsOf('acme'));
    expect(await search({ q: '4420794' })).toEqual(idsOf('acme'));
    expect(await search({ q: '0151 2345' })).toEqual(idsOf('smith')); // a contact's phone, national format
    expect(await search({ q: 'gb1234' })).toEqual(idsOf('acme'));
    expect(await search({ q: 'DE811234567' })).toEqual(idsOf('muller'));
  });

  it('requires every word of q (AND) and combines q with tag, account manager and kind filters', async () => {
    expect(await search({ q: 'acme supplies' })).toEqual(idsOf('acme'));
    expect(await search({ q: 'acme jane' })).toEqual(idsOf('smith'));
    expect(await search({ q: 'acme nothing' })).toEqual([]);
    expect(await search({ tag: 'vip' })).toEqual(idsOf('acme', 'hdjx'));
    expect(await search({ tag: 'WHOLESALE' })).toEqual(idsOf('acme', 'muller'));
    expect(await search({ tag: 'vip', q: '华东' })).toEqual(idsOf('hdjx'));
    expect(await search({ accountManagerId: salesId })).toEqual(idsOf('hdjx', 'wang'));
    expect(await search({ accountManagerId: salesId, tag: 'retail' })).toEqual(idsOf('wang'));
    expect(await search({ kind: 'individual' })).toEqual(idsOf('smith', 'wang'));
    expect(await search({ tag: 'nope' })).toEqual([]);
  });

  it('finds a customer by its new name after an edit, and no longer by the old one', async () => {
    const c = customerOf(await api.get(ids.muller!));
    expect((await api.patch(c.id, { name: 'Schmidt Getriebe GmbH' }, `"${c.version}"`)).statusCode).toBe(200);
    expect(await search({ q: 'getriebe' })).toEqual(idsOf('muller'));
    expect(await search({ q: 'antrieb' })).toEqual([]);
    expect((await api.patch(c.id, { name: c.name }, `"${c.version + 1}"`)).statusCode).toBe(200);
  });

  it('rejects a cursor it did not issue', async () => {
    const res = await api.list({ cursor: 'garbage' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'query.cursor', message: expect.any(String) }]);
  });
});

describe('customer list paging', () => {
  it('returns every row exactly once, in name order, whichever index drives the query', async () => {
    const local = await startTestRuntime();
    try {
      const inputs: CreateCustomerRequest[] = [];
      const n = DRIVE_LIMIT + 150;
      for (let i = 0; i < n; i++) {
        const name = `${['Zeta', 'alpha', 'Beta', 'Émile', '中文'][i % 5]} Trading ${String(i % 97).padStart(2, '0')}`; // many equal names: ties broken by id
        inputs.push(CreateSchema.parse({ kind: 'business', name, tags: i % 3 === 0 ? ['club'] : [], email: `c${i}@paging.example` }));
      }
      const created = await bulkInsertCustomers(local.deps, inputs);
      expect(created.ok).toBe(true);
      const api = await asApi(local);
      const all = await local.deps.db.selectFrom('customers').select(['id', 'sort_name', 'tags']).execute();
      const sorted = (rows: typeof all) => [...rows].sort((a, b) => (a.sort_name < b.sort_name ? -1 : a.sort_name > b.sort_name ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);

      const collect = async (query: Record<string, string>, limit: number) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await api.list({ ...query, limit, ...(cursor ? { cursor } : {}) });
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json<{ data: CustomerSummary[]; nextCursor: string | null }>();
          seen.push(...body.data.map((c) => c.id));
          cursor = body.nextCursor;
        } while (cursor);
        return seen;
      };
      // q "trading" matches more than DRIVE_LIMIT rows (walks the name index), "alpha 05" fewer (driven
      // by its terms); a tag is always driven by its own index, which is in list order.
      expect(await collect({}, 200)).toEqual(sorted(all));
      expect(await collect({ q: 'trading' }, 200)).toEqual(sorted(all));
      expect(await collect({ tag: 'club' }, 37)).toEqual(sorted(all.filter((r) => r.tags.includes('club'))));
      expect(await collect({ q: 'alpha 05' }, 3)).toEqual(sorted(all.filter((r) => r.sort_name === 'alpha trading 05')));
    } finally {
      await local.close();
    }
  });
});
