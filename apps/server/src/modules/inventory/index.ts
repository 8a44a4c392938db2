import type { Deps } from '../../deps.js';
import type { DialectOps, Executor } from '../../platform/db/index.js';
import { activeLevelsBySkusQuery, type ActiveLevelRow } from './inventory.repo.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import { registerStockRoutes } from './inventory.routes.js';
import { registerReservationRoutes } from './reservations.routes.js';

export { adjustStock, type Adjustment } from './commands/adjust-stock.js';
export { createWarehouse, type NewWarehouse } from './commands/create-warehouse.js';
export { releaseReservations, type ReleaseRequest } from './commands/release-reservations.js';
export { reserveStock, type ReserveRequest } from './commands/reserve-stock.js';
export { setThresholds, type Thresholds } from './commands/set-thresholds.js';
export { convertReservationsToShipment, type ShipmentRequest, type ShippedAllocation } from './commands/ship-reservations.js';
export { inventoryProblem } from './inventory.problems.js';
export { seedDemoCatalog } from './seed.js';
export type { InventoryError, ShortLine } from './stock.js';
export { listReservations } from './views.js';

/** The stock levels `reserveStock` plans from, as one JSON column of the caller's statement (its `levels`). */
export const activeLevelsColumn = (db: Executor, ops: DialectOps, skus: readonly string[]) => ops.jsonRows(activeLevelsBySkusQuery(db, [...new Set(skus)]));
export const levelsFromColumn = (ops: DialectOps, column: unknown): ActiveLevelRow[] => ops.rowsOf<ActiveLevelRow>(column);

export function registerInventoryRoutes(app: App, deps: Deps): void {
  registerStockRoutes(app, deps);
  registerReservationRoutes(app, deps);
}

export function inventoryHandlers(_deps: Deps): OutboxHandler[] {
  return [];
}
