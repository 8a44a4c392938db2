/** Row types of the tables owned by modules/payments. */
export interface PaymentsTable {
  id: string; // pay_…
  order_id: string;
  kind: string; // payment | refund
  amount: number; // minor units, always > 0
  currency: string;
  method: string; // bank_transfer | cash | cheque | card | cod | other
  provider: string; // manual, or a plug-in provider's name
  reference: string | null;
  reason: string | null; // refunds
  note: string | null;
  recorded_by_type: string;
  recorded_by_id: string | null;
  created_at: string;
}
