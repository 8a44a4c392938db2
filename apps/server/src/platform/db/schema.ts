import type { Kysely, Transaction } from 'kysely';

/**
 * Row types of every table. Times are ISO 8601 UTC strings, money is integer minor units, JSON is
 * stored as text and flags as 0/1 integers, so both engines return the same shapes (see dialect.ts).
 * Each module owns its tables; only its repo files query them.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  kind: 'staff' | 'portal';
  subject_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  prefix: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PortalAccountsTable {
  id: string;
  customer_id: string;
  email: string;
  name: string;
  locale: string;
  password_hash: string;
  active: number;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string;
  request_id: string | null;
}

export interface OutboxTable {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: string;
  dedupe_key: string | null;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  available_at: string;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  processed_at: string | null;
}

export interface OutboxHandledTable {
  event_id: string;
  handler: string;
  handled_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}

// ---- modules/customers ----
export interface CustomersTable {
  id: string;
  kind: string;
  name: string;
  sort_name: string;
  legal_name: string | null;
  tax_id: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  preferred_channel: string;
  birthday: string | null;
  tags: string; // JSON string[]
  account_manager_id: string | null;
  consent: string; // JSON Consent
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface CustomerContactsTable {
  id: string;
  customer_id: string;
  position: number;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  is_primary: number;
}
export interface CustomerAddressesTable {
  id: string;
  customer_id: string;
  position: number;
  kind: string;
  name: string;
  company: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  phone: string | null;
  is_default: number;
}
export interface CustomerSearchTermsTable {
  term: string;
  sort_name: string; // copy of customers.sort_name: term scans give list positions
  customer_id: string;
}
export interface CustomerTagsTable {
  tag: string;
  sort_name: string;
  customer_id: string;
}
export interface CustomerTimelineTable {
  id: string;
  customer_id: string;
  event_id: string;
  type: string;
  occurred_at: string;
  actor_type: string | null;
  actor_id: string | null;
  data: string;
}
export interface ImportJobsTable {
  id: string;
  kind: string;
  status: string;
  file_name: string | null;
  content: string;
  total_rows: number;
  processed_rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: string; // JSON [{line, message}], the first 1000
  error_count: number;
  failure_reason: string | null;
  created_by_type: string;
  created_by_id: string | null;
  created_at: string;
  finished_at: string | null;
}

// ---- modules/catalog ----
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

// ---- modules/inventory ----
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

// ---- modules/settings ----
/** The single company row (`id = 1`); optional texts are null when unset. */
export interface CompanySettingsTable {
  id: number;
  name: string;
  name_zh: string | null;
  legal_name: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  postal_code: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  tax_id: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_iban: string | null;
  bank_swift: string | null;
  default_currency: string;
  payment_terms_en: string | null;
  payment_terms_zh: string | null;
  invoice_footer_en: string | null;
  invoice_footer_zh: string | null;
  logo_base64: string | null;
  logo_mime_type: string | null;
  version: number;
  updated_at: string;
}
/** Gap-free document numbers: the last number handed out per kind and year. */
export interface DocumentSequencesTable {
  kind: string;
  year: number;
  last: number;
}

// ---- modules/orders ----
export interface OrdersTable {
  id: string;
  number: string; // SO-2026-000123
  status: string;
  held_from: string | null;
  payment_status: string;
  customer_id: string;
  customer_name: string; // the name when the order was placed
  currency: string;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  shipping: number;
  total: number;
  discount: string | null; // JSON OrderDiscount as requested
  priority: string;
  priority_rank: number; // low 0 … urgent 3, for the work-queue order
  requested_delivery_date: string;
  promised_delivery_date: string | null;
  due_date: string; // promised, else requested: what "overdue" compares
  payment_terms: string; // JSON PaymentTerms
  shipping_address: string; // JSON Address
  billing_address: string | null;
  notes: string | null;
  special_requirements: string | null;
  channel: string;
  shipped_anything: number; // 1 once any quantity shipped: cancellation is refused from then on
  version: number;
  created_by_type: string;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}
export interface OrderLinesTable {
  id: string;
  order_id: string;
  position: number;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  tax_rate_bp: number;
  total: number;
  discount: number;
  tax: number;
  backordered: number;
  make_to_order: number;
  shipped: number;
}
export interface OrderEventsTable {
  id: string;
  order_id: string;
  type: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  changes: string; // JSON { field: { from, to } }
}
export interface OrderNumberSequencesTable {
  year: number;
  last: number;
}
/** The invoice number an order got the first time its invoice was generated; never changes. */
export interface OrderInvoicesTable {
  order_id: string;
  number: string; // INV-2026-000001
  issued_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  portal_accounts: PortalAccountsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  outbox_handled: OutboxHandledTable;
  idempotency_keys: IdempotencyKeysTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  customer_addresses: CustomerAddressesTable;
  customer_search_terms: CustomerSearchTermsTable;
  customer_tags: CustomerTagsTable;
  customer_timeline: CustomerTimelineTable;
  import_jobs: ImportJobsTable;
  products: ProductsTable;
  warehouses: WarehousesTable;
  stock_levels: StockLevelsTable;
  stock_movements: StockMovementsTable;
  stock_reservations: StockReservationsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  order_number_sequences: OrderNumberSequencesTable;
  order_invoices: OrderInvoicesTable;
  company_settings: CompanySettingsTable;
  document_sequences: DocumentSequencesTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Functions that work inside or outside a transaction take `Executor`. */
export type Executor = Kysely<Database> | Transaction<Database>;
