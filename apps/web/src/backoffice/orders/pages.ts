/** Entry of the orders chunk (loaded lazily by the router). */
export { OrdersPage } from './OrdersPage';
export { OrderDetailPage } from './OrderDetailPage';
export { OrderCreatePage } from './OrderCreatePage';
export { OrderEditPage } from './OrderEditPage';
