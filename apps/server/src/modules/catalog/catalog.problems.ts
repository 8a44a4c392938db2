import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { CatalogError } from './product.js';

/** The one place catalog outcomes become HTTP problems. */
export function catalogProblem(e: CatalogError): Problem {
  switch (e.code) {
    case 'duplicate_sku':
      return problem(409, 'duplicate_sku', `SKU ${e.sku} is already used by product ${e.existingId}.`, [{ path: 'body.sku', message: `is already used by product ${e.existingId}` }]);
    case 'not_found':
      return problem(404, 'not_found', `No product with id ${e.id}.`);
    case 'if_match_required':
      return problem(428, 'if_match_required', 'Send If-Match: "<version>" with the version of the product you edited, so a concurrent change is not overwritten.', [{ path: 'header.if-match', message: 'is required' }]);
    case 'invalid_if_match':
      return problem(400, 'validation_failed', `If-Match must be a product version such as "3", not ${e.value}.`, [{ path: 'header.if-match', message: 'must be a version such as "3"' }]);
    case 'version_conflict':
      return problem(412, 'version_conflict', `Product ${e.id} changed since you loaded it: you sent version ${e.expected}, it is now at version ${e.current}. Reload it and apply your change again.`);
    default: {
      const never: never = e;
      return never;
    }
  }
}
