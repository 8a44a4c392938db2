/** Row types of the tables owned by modules/views. */
/** Named list filters of one owner (a staff user's or an API key's id); `query` is the JSON text of the URL search params. */
export interface SavedViewsTable {
  id: string;
  owner_id: string;
  page: string;
  name: string;
  query: string;
  created_at: string;
}
