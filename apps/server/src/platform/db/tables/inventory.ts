/** Row types of the tables owned by modules/inventory. */
export interface WarehousesTable {
  id: string;
  code: string;
  name: string;
  address: string | null;
  active: number;
  created_at: string;
}
export interface StockLevelsTable {
  product_id: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  safety_stock: number;
  reorder_point: number;
  low: number; // 1 while available <= reorder_point, so the low-stock event fires once per crossing
  updated_at: string;
}
export interface StockMovementsTable {
  id: string;
  product_id: string;
  warehouse_id: string;
  kind: string;
  quantity: number;
  reserved_delta: number;
  reason: string | null;
  reference_type: string | null;
  reference_id: string | null;
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}
export interface StockReservationsTable {
  id: string;
  reference_type: string;
  reference_id: string;
  product_id: string;
  warehouse_id: string;
  quantity: number;
  backordered: number;
  status: string; // active | released | converted
  created_at: string;
  updated_at: string;
}
