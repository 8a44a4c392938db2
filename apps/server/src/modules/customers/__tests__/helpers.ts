import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect } from 'vitest';
import type { Customer, StaffRole } from '@ordercare/contracts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

/** Runtimes started by a test file, closed after each test. */
export function useRuntimes() {
  const open: TestRuntime[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return async function start(...args: Parameters<typeof startTestRuntime>) {
    const rt = await startTestRuntime(...args);
    open.push(rt);
    return rt;
  };
}

export type Api = ReturnType<typeof apiFor>;

/** Small HTTP helpers bound to one runtime and role. */
export function apiFor(rt: TestRuntime, headers: Record<string, string>) {
  return {
    create: (body: object, extra: Record<string, string> = {}) => rt.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { ...headers, ...extra }, payload: body }),
    get: (id: string) => rt.app.inject({ method: 'GET', url: `/api/v1/customers/${id}`, headers }),
    patch: (id: string, body: object, ifMatch?: string) =>
      rt.app.inject({ method: 'PATCH', url: `/api/v1/customers/${id}`, headers: { ...headers, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) }, payload: body }),
    list: (query: Record<string, string | number> = {}) =>
      rt.app.inject({ method: 'GET', url: `/api/v1/customers?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`, headers }),
    timeline: (id: string, query = '') => rt.app.inject({ method: 'GET', url: `/api/v1/customers/${id}/timeline${query}`, headers }),
  };
}

export async function asApi(rt: TestRuntime, role: StaffRole = 'admin') {
  return apiFor(rt, await rt.asRole(role));
}

export function customerOf(res: LightMyRequestResponse): Customer {
  if (res.statusCode >= 300) throw new Error(`expected a customer, got ${res.statusCode} ${res.body}`);
  return res.json<Customer>();
}

export const acme = (over: Record<string, unknown> = {}) => ({
  kind: 'business',
  name: 'Acme Ltd',
  legalName: 'Acme Trading Limited',
  taxId: 'gb123456789',
  email: '  Orders@Acme.Example.com ',
  phone: '020 7946 0958',
  tags: ['Wholesale', 'vip'],
  contacts: [{ name: 'Sarah Thompson', role: 'Buyer', email: 'sarah@acme.example.com', phone: '+44 7911 123456', isPrimary: true }],
  addresses: [{ kind: 'billing', isDefault: true, name: 'Acme Ltd', line1: '1 High Street', city: 'London', postalCode: 'EC1A 1BB', country: 'gb' }],
  ...over,
});

export async function countRows(rt: TestRuntime, table: 'customers' | 'audit_log' | 'outbox' | 'customer_search_terms') {
  const row = await rt.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Lines 3, 5, 6 and 10 are bad; line 7's notes span lines 7-8, so the next record starts on line 9. */
export const SAMPLE = [
  'Kind,Name,Email,Phone,Tags,Billing_Line1,Billing_City,Billing_Country,Consent_Marketing,Account_Manager_Email,Notes',
  'business,Acme Ltd,Orders@Acme.example.com,020 7946 0958,wholesale;VIP,1 High St,London,gb,yes,sales@example.com,',
  'individual,Bad Email,not-an-email,,,,,,,,',
  'individual,王芳,,138 0013 8000,retail,,,,no,,',
  'business,,nameless@example.com,,,,,,,,',
  'robot,Robo,robo@example.com,,,,,,,,',
  'business,Multi Line Co,multi@example.com,,,,,,,,"first line',
  'second line"',
  ',Plain Person,plain@example.com,+49 30 901820,,,,,0,,',
  'individual,Zed,zed@example.com,12345,,,,,,,',
].join('\r\n');

export const EXPECTED_ERRORS = [
  { line: 3, message: 'email: must be an email address such as name@example.com' },
  { line: 5, message: 'name: is required' },
  { line: 6, message: 'kind: must be one of business, individual (got "robot")' },
  { line: 10, message: expect.stringMatching(/^phone: must be a phone number in international format/) },
];

