import type { Kysely } from 'kysely';

/**
 * Shipments (modules/shipments): carriers with their tracking URL templates, shipments of an
 * order (one warehouse each), the order lines and quantities each carries, and their tracking
 * events. Times are ISO text, flags 0/1, weights integer grams.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carriers')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tracking_url_template', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('warehouse_id', 'text', (c) => c.references('warehouses.id'))
    .addColumn('carrier_code', 'text', (c) => c.notNull().references('carriers.code'))
    .addColumn('service', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('packages', 'integer', (c) => c.notNull())
    .addColumn('weight_grams', 'bigint')
    .addColumn('estimated_delivery_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('payment_override', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipments_order').on('shipments').columns(['order_id', 'id']).execute();

  await db.schema
    .createTable('shipment_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('order_line_id', 'text', (c) => c.notNull().references('order_lines.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipment_lines_shipment').on('shipment_lines').columns(['shipment_id']).execute();

  await db.schema
    .createTable('shipment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('note', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('cod_collected', 'bigint')
    .addColumn('cod_failed', 'integer', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipment_events_shipment').on('shipment_events').columns(['shipment_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['shipment_events', 'shipment_lines', 'shipments', 'carriers']) await db.schema.dropTable(t).execute();
}
