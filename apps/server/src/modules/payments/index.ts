import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerPaymentRoutes } from './payments.routes.js';

export { recordPayment, type RecordOptions } from './commands/record-payment.js';
export { recordRefund } from './commands/record-refund.js';
export { listPayments } from './commands/list-payments.js';
export type { PaymentError } from './payment.js';
export { paymentProblem } from './payments.problems.js';
export { paymentsHandlers, DUE_CHECK } from './payments.jobs.js';
export { manualProvider, PAYMENT_PROVIDERS, providerFor, type PaymentProvider, type ProviderReceipt, type ProviderRequest } from './providers.js';
export { balanceDue, decidePayment, decideRefund, installmentPlan, installmentStates, paymentPosition, paymentStatusOf, type Amounts } from './payment-status.js';
export { PAYMENT_RECORDERS } from './payments.routes.js';

export function registerPaymentsRoutes(app: App, deps: Deps): void {
  registerPaymentRoutes(app, deps);
}
