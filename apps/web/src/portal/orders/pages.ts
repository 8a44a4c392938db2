/** Entry of the portal's orders chunk (loaded lazily by the router). */
export { PortalOrdersPage } from './PortalOrdersPage';
export { PortalOrderDetailPage } from './PortalOrderDetailPage';
