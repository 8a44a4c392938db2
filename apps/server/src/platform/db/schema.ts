import type { Kysely, Transaction } from 'kysely';
import type * as catalog from './tables/catalog.js';
import type * as customers from './tables/customers.js';
import type * as inventory from './tables/inventory.js';
import type * as orders from './tables/orders.js';
import type * as payments from './tables/payments.js';
import type * as platform from './tables/platform.js';
import type * as settings from './tables/settings.js';
import type * as shipments from './tables/shipments.js';
import type * as views from './tables/views.js';
import type * as webhooks from './tables/webhooks.js';
import type * as messages from './tables/messages.js';
import type * as inbox from './tables/inbox.js';

export type * from './tables/catalog.js';
export type * from './tables/customers.js';
export type * from './tables/inventory.js';
export type * from './tables/orders.js';
export type * from './tables/payments.js';
export type * from './tables/platform.js';
export type * from './tables/settings.js';
export type * from './tables/shipments.js';
export type * from './tables/views.js';
export type * from './tables/webhooks.js';
export type * from './tables/messages.js';
export type * from './tables/inbox.js';

/**
 * The whole database: each module's tables live in `tables/<module>.ts`. Times are ISO 8601 UTC
 * strings, money is integer minor units, JSON is text and flags are 0/1 integers, so both engines
 * return the same shapes (see dialect.ts). Only a module's own repo files query its tables.
 */
export interface Database {
  users: platform.UsersTable;
  sessions: platform.SessionsTable;
  api_keys: platform.ApiKeysTable;
  portal_accounts: platform.PortalAccountsTable;
  audit_log: platform.AuditLogTable;
  outbox: platform.OutboxTable;
  outbox_handled: platform.OutboxHandledTable;
  idempotency_keys: platform.IdempotencyKeysTable;
  customers: customers.CustomersTable;
  customer_contacts: customers.CustomerContactsTable;
  customer_addresses: customers.CustomerAddressesTable;
  customer_search_terms: customers.CustomerSearchTermsTable;
  customer_tags: customers.CustomerTagsTable;
  customer_timeline: customers.CustomerTimelineTable;
  import_jobs: customers.ImportJobsTable;
  products: catalog.ProductsTable;
  warehouses: inventory.WarehousesTable;
  stock_levels: inventory.StockLevelsTable;
  stock_movements: inventory.StockMovementsTable;
  stock_reservations: inventory.StockReservationsTable;
  orders: orders.OrdersTable;
  order_lines: orders.OrderLinesTable;
  order_events: orders.OrderEventsTable;
  order_number_sequences: orders.OrderNumberSequencesTable;
  order_invoices: orders.OrderInvoicesTable;
  order_changes: orders.OrderChangesTable;
  payments: payments.PaymentsTable;
  company_settings: settings.CompanySettingsTable;
  document_sequences: settings.DocumentSequencesTable;
  saved_views: views.SavedViewsTable;
  carriers: shipments.CarriersTable;
  shipments: shipments.ShipmentsTable;
  shipment_lines: shipments.ShipmentLinesTable;
  shipment_events: shipments.ShipmentEventsTable;
  webhook_subscriptions: webhooks.WebhookSubscriptionsTable;
  webhook_deliveries: webhooks.WebhookDeliveriesTable;
  webhook_attempts: webhooks.WebhookAttemptsTable;
  message_templates: messages.MessageTemplatesTable;
  message_template_versions: messages.MessageTemplateVersionsTable;
  message_rules: messages.MessageRulesTable;
  messages: messages.MessagesTable;
  inbox_messages: inbox.InboxMessagesTable;
  contact_logs: inbox.ContactLogsTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Functions that work inside or outside a transaction take `Executor`. */
export type Executor = Kysely<Database> | Transaction<Database>;
