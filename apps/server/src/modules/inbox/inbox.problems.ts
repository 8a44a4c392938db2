import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { InboxError } from './inbox.js';

/** The one place inbox and contact-log outcomes become HTTP problems. */
export function inboxProblem(e: InboxError): Problem {
  switch (e.code) {
    case 'order_not_found':
      return problem(404, 'not_found', `No order with id ${e.id}.`);
    case 'customer_not_found':
      return problem(404, 'not_found', `No customer with id ${e.id}.`);
    case 'order_not_of_customer':
      return problem(400, 'validation_failed', `Order ${e.orderId} does not belong to this customer.`, [{ path: 'body.orderId', message: 'must be an order of this customer' }]);
    case 'occurred_in_future':
      return problem(400, 'validation_failed', 'A contact cannot be logged in the future.', [{ path: 'body.occurredAt', message: 'must not be in the future' }]);
    default: {
      const never: never = e;
      return never;
    }
  }
}
