import type { Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { ViewsError } from './saved-view.js';

/** The one place saved-view outcomes become HTTP problems. */
export function viewsProblem(e: ViewsError): Problem {
  switch (e.code) {
    case 'duplicate_view':
      return problem(409, 'duplicate_view', `You already have a saved view named "${e.name}" on the ${e.page} page${e.existingId ? ` (${e.existingId})` : ''}. Choose another name or delete that view first.`, [
        { path: 'body.name', message: 'is already used by another of your views' },
      ]);
    case 'view_not_found':
      return problem(404, 'not_found', `You have no saved view ${e.id}.`);
    default: {
      const never: never = e;
      return never;
    }
  }
}
