import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { WebhookError } from './webhook.js';

/** The one place webhook outcomes become HTTP problems. */
export function webhookProblem(e: WebhookError): Problem {
  switch (e.code) {
    case 'not_found':
      return problem(404, 'not_found', `No webhook subscription with id ${e.id}.`);
    case 'delivery_not_found':
      return problem(404, 'not_found', `No webhook delivery with id ${e.id}.`);
    case 'url_refused':
      return problem(400, 'validation_failed', `The webhook URL is refused: it ${e.message}.`, [{ path: 'body.url', message: e.message }]);
    case 'version_conflict':
      return problem(412, 'version_conflict', `The subscription changed since you loaded it; it is now at version ${e.current}. Reload and try again.`);
    case 'bad_if_match':
      return problem(400, 'validation_failed', `If-Match must be a version such as "3", not ${e.value}.`, [{ path: 'header.if-match', message: 'must be a version such as "3"' }]);
    default: {
      const never: never = e;
      return never;
    }
  }
}
