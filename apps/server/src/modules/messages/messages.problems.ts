import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { MessageError } from './message.js';

/** The one place message outcomes become HTTP problems. */
export function messageProblem(e: MessageError): Problem {
  switch (e.code) {
    case 'template_invalid': {
      const where = e.problem.line ? ` (line ${e.problem.line}, column ${e.problem.column})` : '';
      return problem(400, 'validation_failed', `The template's ${e.problem.field} does not parse${where}: ${e.problem.message}`, [{ path: `body.${e.problem.field}`, message: `${e.problem.message}${where}` }]);
    }
    case 'order_not_found':
      return problem(404, 'not_found', `No order ${e.ref}.`);
    case 'customer_not_found':
      return problem(404, 'not_found', `No customer with id ${e.id}.`);
    case 'message_not_found':
      return problem(404, 'not_found', `No message with id ${e.id}.`);
    case 'template_version_not_found':
      return problem(404, 'not_found', `No version ${e.version} of this template.`);
    case 'no_text':
      return problem(400, 'validation_failed', 'Give a templateKey or a text.', [{ path: 'body.text', message: 'required without templateKey' }]);
    case 'no_address':
      return problem(400, 'validation_failed', `The customer has no address for ${e.channel}, or opted out of it.`, [{ path: 'body.channel', message: `the customer cannot be reached on ${e.channel}` }]);
    case 'not_resendable':
      return problem(409, 'invalid_transition', `A ${e.status} message cannot be resent; only failed, bounced, suppressed or queued ones can.`);
    case 'no_email':
      return problem(400, 'validation_failed', 'Your account has no email address to send the test to.');
    case 'version_conflict':
      return problem(412, 'version_conflict', `The rule changed since you loaded it; it is now at version ${e.current}. Reload and try again.`);
    default: {
      const never: never = e;
      return never;
    }
  }
}
