/** Entry of the inventory chunk (loaded lazily by the router). */
export { StockPage } from './StockPage';
export { MovementsPage } from './MovementsPage';
export { LowStockPage } from './LowStockPage';
export { WarehousesPage } from './WarehousesPage';
