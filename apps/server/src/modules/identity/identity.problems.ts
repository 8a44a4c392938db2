import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { IdentityError } from './identity.js';

/** The one place identity outcomes become HTTP problems. */
export function identityProblem(e: IdentityError): Problem {
  switch (e.code) {
    case 'invalid_credentials':
      return problem(401, 'invalid_credentials', 'The email or password is wrong.');
    case 'rate_limited':
      return problem(429, 'rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.');
    case 'email_taken':
      return problem(409, 'email_taken', `A user with this email already exists (${e.existingId}).`, [{ path: 'body.email', message: 'is already used' }]);
    case 'not_found':
      return problem(404, 'not_found', `No ${e.entity} with id ${e.id}.`);
    default: {
      const never: never = e;
      return never;
    }
  }
}
