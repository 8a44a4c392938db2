import { z } from 'zod';
import { Timestamp } from './common.js';

/** Pages whose list filters can be saved as a named view. */
export const SAVED_VIEW_PAGES = ['orders', 'customers'] as const;
export const SavedViewPage = z.enum(SAVED_VIEW_PAGES);
export type SavedViewPage = z.infer<typeof SavedViewPage>;

/** The list's URL search params, as strings (e.g. `{ status: 'placed', overdue: 'true' }`). */
export const SavedViewQuery = z
  .record(z.string().min(1).max(40), z.string().max(200))
  .refine((q) => Object.keys(q).length <= 20, 'must have at most 20 keys')
  .describe('The filter params of the list, as strings; at most 20 keys');

/** A named set of list filters, owned by the staff user who saved it. */
export const SavedView = z.object({
  id: z.string(),
  page: SavedViewPage,
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: Timestamp,
});
export type SavedView = z.infer<typeof SavedView>;

export const CreateSavedViewRequest = z.strictObject({
  page: SavedViewPage,
  name: z.string().trim().min(1, 'must not be empty').max(60),
  query: SavedViewQuery,
});
export type CreateSavedViewRequest = z.infer<typeof CreateSavedViewRequest>;

export const SavedViewListQuery = z.strictObject({ page: SavedViewPage });
export type SavedViewListQuery = z.infer<typeof SavedViewListQuery>;

export const SavedViewList = z.object({ items: z.array(SavedView) });
export type SavedViewList = z.infer<typeof SavedViewList>;
