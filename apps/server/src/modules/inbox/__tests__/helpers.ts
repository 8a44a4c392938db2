import { expect } from 'vitest';
import { CSRF_HEADER, type Customer, type Order, type PortalSession, type Problem } from '@ordercare/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { customer, product, receive, unwrap, warehouse } from '../../../../test/support/fixtures.js';
import { sessionCookie, type TestRuntime } from '../../../../test/support/runtime.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/index.js';
import { createPortalAccount } from '../../identity/index.js';

export type Headers = Record<string, string>;

/** Two customers with portal sign-ins and PIPE-20 in stock. */
export async function seedInbox(rt: TestRuntime) {
  const acme = await customer(rt, 'Acme Ltd');
  const other = await customer(rt, 'Other Co');
  const wh = await warehouse(rt, 'SH-01');
  await product(rt, 'PIPE-20');
  await receive(rt, 'PIPE-20', wh.id, 500);
  return { acme, other, acmePortal: await portalSession(rt, acme, 'buyer@acme.example'), otherPortal: await portalSession(rt, other, 'buyer@other.example') };
}

export async function portalSession(rt: TestRuntime, c: Customer, email: string): Promise<Headers> {
  unwrap(await createPortalAccount(rt.deps, SYSTEM_ACTOR, { customerId: c.id, email, name: c.name, locale: 'en', password: 'portal-password-1' }));
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/portal/auth/login', payload: { email, password: 'portal-password-1' } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookie(res), [CSRF_HEADER]: res.json<PortalSession>().csrfToken };
}

export async function placeOrder(rt: TestRuntime, c: Customer): Promise<Order> {
  const payload = { customerId: c.id, currency: 'CNY', lines: [{ sku: 'PIPE-20', quantity: 2 }], shippingAddress: { name: 'Li Wei', line1: '88 Century Avenue', city: 'Shanghai', postalCode: '200120', country: 'CN' }, requestedDeliveryDate: '2026-12-01' };
  const res = await rt.app.inject({ method: 'POST', url: '/api/v1/orders', headers: await rt.asRole('sales'), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Order>();
}

export const problemOf = (res: LightMyRequestResponse) => res.json<Problem>();
