import type { SavedView, SavedViewPage } from '@ordercare/contracts';
import type { SavedViewsTable } from '../../platform/db/schema.js';

/** Expected outcomes of saved-view commands; views.problems.ts maps them to HTTP. */
export type ViewsError =
  | { code: 'duplicate_view'; page: SavedViewPage; name: string; existingId: string | null }
  | { code: 'view_not_found'; id: string };

export function toSavedView(row: SavedViewsTable): SavedView {
  return { id: row.id, page: row.page as SavedViewPage, name: row.name, query: JSON.parse(row.query) as Record<string, string>, createdAt: row.created_at };
}

/** What the audit log keeps of a view. */
export function auditableView(row: SavedViewsTable): Record<string, unknown> {
  return { ownerId: row.owner_id, page: row.page, name: row.name, query: row.query };
}
