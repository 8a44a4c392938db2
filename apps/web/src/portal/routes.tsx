import { createRoute, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { ORDER_STATUSES, type OrderStatus } from '@ordercare/contracts';
import { rootRoute } from '../app/rootRoute';
import { redirectIfSignedIn, requireSession, validateLoginSearch } from '../shared/auth/guards';
import { PortalDashboard, PortalLayout, PortalLoginPage } from './pages';
import { portalRealm } from './session';

export const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  component: Outlet,
});

export const portalLoginRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  beforeLoad: ({ context }) => redirectIfSignedIn(portalRealm, context.queryClient),
  component: function PortalLoginRoute() {
    const { redirect } = portalLoginRoute.useSearch();
    return <PortalLoginPage redirectTo={redirect} />;
  },
});

/** Pathless layout: everything below needs a customer session. */
export const portalLayoutRoute = createRoute({
  getParentRoute: () => portalRoute,
  id: 'portal-signed-in',
  beforeLoad: async ({ context, location }) => ({
    portalSession: await requireSession(portalRealm, context.queryClient, location),
  }),
  component: PortalLayout,
});

export const portalDashboardRoute = createRoute({
  getParentRoute: () => portalLayoutRoute,
  path: '/',
  component: PortalDashboard,
});

const orders = () => import('./orders/pages');

/** `/portal/orders?status=`: an unknown status is dropped. */
function validatePortalOrderSearch(search: Record<string, unknown>): { status?: OrderStatus } {
  return (ORDER_STATUSES as readonly unknown[]).includes(search.status) ? { status: search.status as OrderStatus } : {};
}

const portalOrdersRoute = createRoute({ getParentRoute: () => portalLayoutRoute, path: '/orders' });
const portalOrderListRoute = createRoute({
  getParentRoute: () => portalOrdersRoute,
  path: '/',
  validateSearch: validatePortalOrderSearch,
  component: lazyRouteComponent(orders, 'PortalOrdersPage'),
});
const portalOrderDetailRoute = createRoute({ getParentRoute: () => portalOrdersRoute, path: '/$id', component: lazyRouteComponent(orders, 'PortalOrderDetailPage') });

const inbox = () => import('./inbox/pages');
const portalInboxRoute = createRoute({ getParentRoute: () => portalLayoutRoute, path: '/inbox' });
const portalInboxListRoute = createRoute({ getParentRoute: () => portalInboxRoute, path: '/', component: lazyRouteComponent(inbox, 'PortalInboxPage') });
/** `/portal/inbox/general` or `/portal/inbox/<order id>`. */
const portalThreadRoute = createRoute({ getParentRoute: () => portalInboxRoute, path: '/$thread', component: lazyRouteComponent(inbox, 'PortalThreadPage') });

export const portalRouteTree = portalRoute.addChildren([
  portalLoginRoute,
  portalLayoutRoute.addChildren([portalDashboardRoute, portalOrdersRoute.addChildren([portalOrderListRoute, portalOrderDetailRoute]), portalInboxRoute.addChildren([portalInboxListRoute, portalThreadRoute])]),
]);
