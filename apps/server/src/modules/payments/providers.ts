import type { PaymentMethod } from '@ordercare/contracts';
import { ok, type Result } from '../../platform/result.js';

export interface ProviderRequest {
  orderId: string;
  kind: 'payment' | 'refund';
  amount: number;
  currency: string;
  method: PaymentMethod;
  reference?: string | undefined;
  /** The request's Idempotency-Key (or a fresh id): pass it on to a provider that accepts one. */
  idempotencyKey: string;
}

export interface ProviderReceipt {
  /** The provider's reference for the money movement (card providers: their charge id). */
  reference: string | null;
}

/**
 * A way money moves. `settle` runs before the database transaction opens (network I/O is allowed
 * there, never inside a transaction); the payment is recorded only when it answers ok, and the
 * amount is checked against the balance again under the order's row lock. The built-in `manual`
 * provider records offline payments staff already received (bank transfer, cash, cheque, a card
 * terminal, cash on delivery), so it has nothing to call. A card plug-in implements `settle` with
 * its gateway and is added to `PAYMENT_PROVIDERS` for the methods it takes.
 */
export interface PaymentProvider {
  readonly name: string;
  readonly methods: readonly PaymentMethod[];
  settle(request: ProviderRequest): Promise<Result<ProviderReceipt, { message: string }>>;
}

export const manualProvider: PaymentProvider = {
  name: 'manual',
  methods: ['bank_transfer', 'cash', 'cheque', 'card', 'cod', 'other'],
  settle: (request) => Promise.resolve(ok({ reference: request.reference ?? null })),
};

/** Registered providers, first match wins; `manual` takes every method, so it stays last. */
export const PAYMENT_PROVIDERS: readonly PaymentProvider[] = [manualProvider];

export function providerFor(method: PaymentMethod, providers: readonly PaymentProvider[] = PAYMENT_PROVIDERS): PaymentProvider {
  return providers.find((p) => p.methods.includes(method)) ?? manualProvider;
}
