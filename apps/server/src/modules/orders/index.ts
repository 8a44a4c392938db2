import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerOrderDocumentRoutes } from './order-documents.routes.js';
import { registerOrderRoutes } from './orders.routes.js';
import { registerPortalOrderRoutes } from './portal-orders.routes.js';

export { getOrder, orderHistory } from './commands/get-order.js';
export { findOrderIdByNumber, prefetchOrders } from './order.repo.js';
export { listOrders } from './commands/list-orders.js';
export { applyPaymentToOrder, type PaymentMovement } from './commands/apply-payment.js';
export { orderPaymentFacts, type OrderPaymentFacts } from './commands/payment-facts.js';
export { getCustomerOrder, listCustomerOrders } from './commands/portal-orders.js';
export { issueInvoice, type OrderInvoice } from './commands/issue-invoice.js';
export { orderDocument, type OrderDocument } from './commands/order-document.js';
export { ORDER_DOCUMENT_KINDS, type OrderDocumentKind } from './order-documents.js';
export { formatOrderNumber, placeOrder, type PlaceOptions } from './commands/place-order.js';
export { seedDemoOrders } from './seed.js';
export { decideChange, editOrder, type DecisionOptions, type EditOptions } from './commands/edit-order.js';
export { transitionOrder, type TransitionOptions } from './commands/transition-order.js';
export { recordShipment, recordShipmentUpdate, SHIPPABLE_STATUSES, type OrderShipmentFacts, type ShipmentOrderError, type ShippedLine } from './commands/record-shipment.js';
export { fulfilmentQueue } from './commands/fulfilment-queue.js';
export type { OrderError, Viewer } from './order.js';
export { orderProblem } from './orders.problems.js';
export { allowedTransitions, allowedTransitionsFor, decideTransition, ORDER_TRANSITIONS, SYSTEM_ONLY, TRANSITION_ROLES, type OrderFacts } from './order-status.js';
export { allocateDiscount, priceOrder, type Pricing, type PricingLine } from './pricing.js';

export function registerOrdersRoutes(app: App, deps: Deps): void {
  registerOrderRoutes(app, deps);
  registerOrderDocumentRoutes(app, deps);
  registerPortalOrderRoutes(app, deps);
}
