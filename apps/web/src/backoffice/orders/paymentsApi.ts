import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderPayments, Payment, RecordPaymentRequest, RecordRefundRequest } from '@ordercare/contracts';
import { api } from '../../api/client';
import { currencyDigits } from '../../shared/format';
import { orderKeys } from './api';

const path = (orderId: string) => `/api/v1/orders/${encodeURIComponent(orderId)}`;

export const paymentKeys = { list: (orderId: string) => ['orders', 'payments', orderId] as const };

/** Payments and refunds, summary, instalment schedule and net due date of one order. */
export function useOrderPayments(orderId: string) {
  return useQuery({ queryKey: paymentKeys.list(orderId), queryFn: () => api.get<OrderPayments>(`${path(orderId)}/payments`, { query: { limit: 200 } }) });
}

function useMoneyMutation<B>(orderId: string, kind: 'payments' | 'refunds') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: B; idempotencyKey: string }) => api.post<Payment>(`${path(orderId)}/${kind}`, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: paymentKeys.list(orderId) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.events(orderId) });
    },
  });
}

export const useRecordPayment = (orderId: string) => useMoneyMutation<RecordPaymentRequest>(orderId, 'payments');
export const useRecordRefund = (orderId: string) => useMoneyMutation<RecordRefundRequest>(orderId, 'refunds');

/**
 * "1,234.5" typed in major units → 123450 minor units, from the digits of the string (never
 * through a float). Null when it is not a positive amount with at most the currency's decimals.
 */
export function parseMajorAmount(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const m = /^(\d+)(?:[.](\d*))?$/.exec(text.trim().replace(/[,\s]/g, ''));
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** 123450 minor units → "1234.50" for an input field. */
export function minorToInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
