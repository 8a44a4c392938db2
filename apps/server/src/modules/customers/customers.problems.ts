import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { CustomerError } from './customer.js';

/** Issue paths are relative to the body unless they name another part of the request (`query.cursor`). */
const qualify = (path: string) => (/^(query|header|path)\./.test(path) ? path : `body.${path}`);

/** The one place customer outcomes become HTTP problems. */
export function customerProblem(e: CustomerError): Problem {
  switch (e.code) {
    case 'invalid': {
      const errors = e.errors.map((i) => ({ path: qualify(i.path), message: i.message }));
      return problem(400, 'validation_failed', `The request is invalid. ${errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`, errors);
    }
    case 'duplicate_customer': {
      const field = e.field === 'email' ? 'email' : 'taxId';
      const what = e.field === 'email' ? 'email' : 'tax id';
      return problem(409, 'duplicate_customer', `Customer ${e.existing.id} (${e.existing.name}) already has this ${what}. Open that customer instead of creating another.`, [
        { path: `body.${field}`, message: `is already used by customer ${e.existing.id} (${e.existing.name})` },
      ]);
    }
    case 'not_found':
      return problem(404, 'not_found', `No ${e.entity} with id ${e.id}.`);
    case 'version_conflict':
      return problem(412, 'version_conflict', `Customer ${e.id} was changed by someone else (it is now at version ${e.current}). Reload it and apply your change again.`);
    case 'if_match_required':
      return problem(428, 'if_match_required', 'Send If-Match: "<version>" with the version of the customer you edited, so that a concurrent change is not overwritten.', [
        { path: 'header.if-match', message: 'is required' },
      ]);
    default: {
      const never: never = e;
      return never;
    }
  }
}
