import type { StaffRole } from '@ordercare/contracts';
import { useMe } from './session';

/**
 * Which roles may do what, mirroring the `access` lists of the server routes
 * (the `*.routes.ts` files of apps/server/src/modules). Buttons for actions outside the
 * user's role are hidden instead of answering with a 403.
 */
const ACTIONS = {
  /** GET /customers, /customers/{id}, timeline. */
  'customers.read': ['admin', 'manager', 'sales', 'support', 'finance', 'warehouse'],
  /** POST/PATCH /customers, GET /customers/export.csv. */
  'customers.write': ['admin', 'manager', 'sales', 'support'],
  /** POST/GET /customers/imports. */
  'customers.import': ['admin', 'manager', 'sales'],
  /** POST/PATCH /products. */
  'products.write': ['admin', 'manager'],
  /** POST /inventory/adjustments, PUT /inventory/thresholds. */
  'stock.write': ['admin', 'manager', 'warehouse'],
  /** POST /warehouses. */
  'warehouses.write': ['admin', 'manager'],
  /** POST /orders. */
  'orders.place': ['admin', 'manager', 'sales'],
  /** PATCH /orders/{id}, POST /orders/{id}/changes/{changeId}/decision. */
  'orders.edit': ['admin', 'manager', 'sales', 'support'],
  /** GET /orders/{id}/documents/{confirmation,invoice}.pdf (they carry prices). */
  'orders.documents.priced': ['admin', 'manager', 'sales', 'support', 'finance'],
  /** POST /orders/{id}/payments, POST /orders/{id}/refunds. */
  'payments.record': ['admin', 'manager', 'finance'],
  /** POST /orders/{id}/shipments, POST /shipments/{id}/events. */
  'shipments.write': ['admin', 'manager', 'warehouse'],
  /** GET /fulfilment/queue (the warehouse work queue; every staff role may read it, the nav shows it to these). */
  'fulfilment.queue': ['admin', 'manager', 'warehouse'],
  /** GET /orders/{id}/documents/packing-slip.pdf. */
  'orders.documents.packingSlip': ['admin', 'manager', 'sales', 'support', 'warehouse'],
  /** POST/PATCH/DELETE /webhooks, rotate-secret, redeliver. */
  'webhooks.manage': ['admin'],
  /** GET /webhooks, deliveries (the nav shows Webhooks to these). */
  'webhooks.read': ['admin', 'manager'],
  /** GET /messages, /messages/status (every staff role). */
  'messages.read': ['admin', 'manager', 'sales', 'support', 'warehouse', 'finance'],
  /** POST /messages, POST /messages/{id}/resend. */
  'messages.send': ['admin', 'manager', 'sales', 'support'],
  /** GET/PUT /templates…, preview, test-send, GET/PUT /message-rules. */
  'messages.templates': ['admin', 'manager'],
  /** GET /users (account-manager names and picker). */
} as const satisfies Record<string, readonly StaffRole[]>;

export type Action = keyof typeof ACTIONS;

export function allows(role: StaffRole | null | undefined, action: Action): boolean {
  return !!role && (ACTIONS[action] as readonly StaffRole[]).includes(role);
}

/** `can('customers.write')` for the signed-in staff user. */
export function usePermissions() {
  const role = useMe().data?.user.role;
  return { role, can: (action: Action) => allows(role, action) };
}
