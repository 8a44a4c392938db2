import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerShipmentRoutes } from './shipments.routes.js';

export { trackingUrl, DEMO_CARRIERS } from './carriers.js';
export { createCarrier, listCarriers, seedDemoCarriers, updateCarrier } from './commands/carriers.js';
export { createShipment } from './commands/create-shipment.js';
export { getShipment, shipmentsOfOrder } from './commands/get-shipments.js';
export { recordShipmentEvent } from './commands/record-shipment-event.js';
export type { ShipmentError } from './shipment.js';
export { shipmentProblem } from './shipments.problems.js';
export { shipmentsHandlers } from './shipments.jobs.js';

export function registerShipmentsRoutes(app: App, deps: Deps): void {
  registerShipmentRoutes(app, deps);
}
