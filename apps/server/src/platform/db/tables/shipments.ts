/** Row types of the tables owned by modules/shipments. */
export interface CarriersTable {
  code: string; // SF, EMS, DHL, UPS
  name: string;
  tracking_url_template: string | null; // with {trackingNumber}
  active: number;
  created_at: string;
  updated_at: string;
}
export interface ShipmentsTable {
  id: string; // shp_…
  order_id: string;
  warehouse_id: string | null; // null when nothing shipped from a reservation
  carrier_code: string;
  service: string | null;
  tracking_number: string | null;
  packages: number;
  weight_grams: number | null;
  estimated_delivery_date: string | null;
  status: string; // created | in_transit | out_for_delivery | delivered | exception
  delivered_at: string | null;
  signed_by: string | null;
  payment_override: string | null; // the reason a prepaid, unpaid order shipped
  created_by_type: string;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}
export interface ShipmentLinesTable {
  id: string;
  shipment_id: string;
  order_line_id: string;
  sku: string;
  quantity: number;
}
export interface ShipmentEventsTable {
  id: string;
  shipment_id: string;
  type: string;
  at: string; // when it happened
  location: string | null;
  note: string | null;
  signed_by: string | null;
  cod_collected: number | null;
  cod_failed: number;
  actor_type: string;
  actor_id: string | null;
  recorded_at: string;
}
