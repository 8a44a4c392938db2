import type { Shipment } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import type { ShipmentsTable } from '../../../platform/db/schema.js';
import { getOrder } from '../../orders/index.js';
import * as repo from '../shipments.repo.js';
import { toShipment } from '../shipment.js';

async function withDetails(db: Executor, rows: readonly ShipmentsTable[], orderNumber: (orderId: string) => Promise<string>): Promise<Shipment[]> {
  const ids = rows.map((r) => r.id);
  const [carriers, lines, events] = await Promise.all([repo.findCarriers(db, rows.map((r) => r.carrier_code)), repo.linesOfShipments(db, ids), repo.eventsOfShipments(db, ids)]);
  const out: Shipment[] = [];
  for (const r of rows) out.push(toShipment(r, await orderNumber(r.order_id), carriers.get(r.carrier_code), lines, events));
  return out;
}

/** One shipment with its lines and events; undefined when unknown. */
export async function getShipment(db: Executor, id: string): Promise<Shipment | undefined> {
  const row = await repo.findShipment(db, id);
  if (!row) return undefined;
  const [shipment] = await withDetails(db, [row], async (orderId) => (await getOrder(db, orderId))?.number ?? '');
  return shipment;
}

/** Every shipment of an order, oldest first; undefined when the order is unknown. */
export async function shipmentsOfOrder(db: Executor, orderId: string): Promise<Shipment[] | undefined> {
  const order = await getOrder(db, orderId);
  if (!order) return undefined;
  return withDetails(db, await repo.shipmentsOfOrder(db, orderId), async () => order.number);
}
