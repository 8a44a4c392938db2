import type { Executor } from '../../platform/db/index.js';
import type { SavedViewsTable } from '../../platform/db/schema.js';

/** Inserts the view unless the user already has one with that page and name; false then. */
export async function insertView(db: Executor, row: SavedViewsTable): Promise<boolean> {
  const inserted = await db
    .insertInto('saved_views')
    .values(row)
    .onConflict((oc) => oc.columns(['owner_id', 'page', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findViewByName(db: Executor, userId: string, page: string, name: string): Promise<SavedViewsTable | undefined> {
  return db.selectFrom('saved_views').selectAll().where('owner_id', '=', userId).where('page', '=', page).where('name', '=', name).executeTakeFirst();
}

/** The user's own view with this id (another user's is not found). */
export async function findOwnView(db: Executor, userId: string, id: string): Promise<SavedViewsTable | undefined> {
  return db.selectFrom('saved_views').selectAll().where('id', '=', id).where('owner_id', '=', userId).executeTakeFirst();
}

/** The user's views of a page, in creation order. */
export async function listViews(db: Executor, userId: string, page: string): Promise<SavedViewsTable[]> {
  return db.selectFrom('saved_views').selectAll().where('owner_id', '=', userId).where('page', '=', page).orderBy('id').execute();
}

export async function deleteView(db: Executor, userId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('saved_views').where('id', '=', id).where('owner_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
