/** Row types of the tables owned by modules/customers. */
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
