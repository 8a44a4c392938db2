import type { DialectOps, Executor } from '../../platform/db/index.js';
import type { CarriersTable, ShipmentEventsTable, ShipmentLinesTable, ShipmentsTable } from '../../platform/db/schema.js';

// ---- carriers ----
export const listCarrierRows = (db: Executor) => db.selectFrom('carriers').selectAll().orderBy('code').execute();
export const findCarrier = (db: Executor, code: string) => db.selectFrom('carriers').selectAll().where('code', '=', code).executeTakeFirst();
export const findCarriers = async (db: Executor, codes: readonly string[]) =>
  new Map((codes.length ? await db.selectFrom('carriers').selectAll().where('code', 'in', [...new Set(codes)]).execute() : []).map((c) => [c.code, c]));

/** Inserts a carrier; false when the code is taken. */
export async function insertCarrier(db: Executor, row: CarriersTable): Promise<boolean> {
  const r = await db.insertInto('carriers').values(row).onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
  return r !== undefined;
}

export async function updateCarrierRow(db: Executor, row: CarriersTable): Promise<void> {
  const { code, ...values } = row;
  await db.updateTable('carriers').set(values).where('code', '=', code).execute();
}

export const lockCarrier = (db: Executor, ops: DialectOps, code: string) => ops.forUpdate(db.selectFrom('carriers').selectAll().where('code', '=', code)).executeTakeFirst();

// ---- shipments ----
export async function insertShipment(db: Executor, row: ShipmentsTable, lines: readonly ShipmentLinesTable[]): Promise<void> {
  await db.insertInto('shipments').values(row).execute();
  if (lines.length) await db.insertInto('shipment_lines').values([...lines]).execute();
}

export const findShipment = (db: Executor, id: string) => db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();
export const lockShipment = (db: Executor, ops: DialectOps, id: string) => ops.forUpdate(db.selectFrom('shipments').selectAll().where('id', '=', id)).executeTakeFirst();
export const shipmentsOfOrder = (db: Executor, orderId: string) => db.selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('id').execute();

export async function updateShipment(db: Executor, row: ShipmentsTable): Promise<void> {
  const { id, ...values } = row;
  await db.updateTable('shipments').set(values).where('id', '=', id).execute();
}

export const linesOfShipments = async (db: Executor, ids: readonly string[]) =>
  ids.length ? db.selectFrom('shipment_lines').selectAll().where('shipment_id', 'in', [...ids]).orderBy('id').execute() : [];

export const eventsOfShipments = async (db: Executor, ids: readonly string[]) =>
  ids.length ? db.selectFrom('shipment_events').selectAll().where('shipment_id', 'in', [...ids]).orderBy('at').orderBy('id').execute() : [];

export async function insertShipmentEvent(db: Executor, row: ShipmentEventsTable): Promise<void> {
  await db.insertInto('shipment_events').values(row).execute();
}
