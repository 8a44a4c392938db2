/** Entry of the portal's inbox chunk (loaded lazily by the router). */
export { PortalInboxPage } from './PortalInboxPage';
export { PortalThreadPage } from './PortalThreadPage';
