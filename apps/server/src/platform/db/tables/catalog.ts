/** Row types of the tables owned by modules/catalog. */
export interface ProductsTable {
  id: string;
  sku: string;
  name: string;
  name_zh: string | null;
  model: string | null;
  specification: string | null;
  specification_zh: string | null;
  search_text: string;
  unit_price: number;
  currency: string;
  tax_rate_bp: number; // basis points: 1300 = 13 %
  unit: string;
  active: number;
  track_inventory: number;
  allow_backorder: number;
  make_to_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}
