import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_customers.js';
import * as m0003 from './0003_catalog_inventory.js';
import * as m0004 from './0004_orders.js';
import * as m0005 from './0005_settings.js';
import * as m0006 from './0006_order_invoices.js';
import * as m0007 from './0007_order_changes.js';
import * as m0008 from './0008_saved_views.js';
import * as m0009 from './0009_payments.js';
import * as m0010 from './0010_shipments.js';
import * as m0011 from './0011_webhooks.js';
import * as m0012 from './0012_order_list_indexes.js';
import * as m0013 from './0013_messages.js';
import * as m0014 from './0014_inbox_contacts.js';
import * as m0015 from './0015_orders_created_covering.js';
import * as m0016 from './0016_message_reasons.js';

/** Every migration, in order. One set for SQLite and PostgreSQL; add new files at the end. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_customers': m0002,
  '0003_catalog_inventory': m0003,
  '0004_orders': m0004,
  '0005_settings': m0005,
  '0006_order_invoices': m0006,
  '0007_order_changes': m0007,
  '0008_saved_views': m0008,
  '0009_payments': m0009,
  '0010_shipments': m0010,
  '0011_webhooks': m0011,
  '0012_order_list_indexes': m0012,
  '0013_messages': m0013,
  '0014_inbox_contacts': m0014,
  '0015_orders_created_covering': m0015,
  '0016_message_reasons': m0016,
};
