import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../app/rootRoute';
import { redirectIfSignedIn, requireSession, validateLoginSearch } from '../shared/auth/guards';
import { validateCustomerSearch } from './customers/search';
import { validateOrderSearch } from './orders/search';
import { validateStockSearch } from './inventory/search';
import { StaffDashboard, StaffLayout, StaffLoginPage } from './pages';
import { validateProductSearch } from './products/search';
import { staffRealm } from './session';

export const staffLoginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  beforeLoad: ({ context }) => redirectIfSignedIn(staffRealm, context.queryClient),
  component: function StaffLoginRoute() {
    const { redirect } = staffLoginRoute.useSearch();
    return <StaffLoginPage redirectTo={redirect} />;
  },
});

/** Pathless layout: everything below needs a staff session. */
export const staffLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'backoffice',
  beforeLoad: async ({ context, location }) => ({
    staffSession: await requireSession(staffRealm, context.queryClient, location),
  }),
  component: StaffLayout,
});

export const staffDashboardRoute = createRoute({
  getParentRoute: () => staffLayoutRoute,
  path: '/',
  component: StaffDashboard,
});

// Each area of the back office is loaded in its own chunk on first visit.
const customers = () => import('./customers/pages');
const products = () => import('./products/pages');
const inventory = () => import('./inventory/pages');
const orders = () => import('./orders/pages');

const customersRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/customers' });
const customerListRoute = createRoute({
  getParentRoute: () => customersRoute,
  path: '/', component: lazyRouteComponent(customers, 'CustomersPage'),
  validateSearch: validateCustomerSearch,
});
const customerNewRoute = createRoute({ getParentRoute: () => customersRoute, path: '/new', component: lazyRouteComponent(customers, 'CustomerCreatePage') });
const customerImportRoute = createRoute({ getParentRoute: () => customersRoute, path: '/import', component: lazyRouteComponent(customers, 'ImportPage') });
const customerDetailRoute = createRoute({ getParentRoute: () => customersRoute, path: '/$id', component: lazyRouteComponent(customers, 'CustomerDetailPage') });
const customerEditRoute = createRoute({ getParentRoute: () => customersRoute, path: '/$id/edit', component: lazyRouteComponent(customers, 'CustomerEditPage') });

const ordersRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/orders' });
const orderListRoute = createRoute({
  getParentRoute: () => ordersRoute,
  path: '/', component: lazyRouteComponent(orders, 'OrdersPage'),
  validateSearch: validateOrderSearch,
});
const orderNewRoute = createRoute({ getParentRoute: () => ordersRoute, path: '/new', component: lazyRouteComponent(orders, 'OrderCreatePage') });
const orderDetailRoute = createRoute({ getParentRoute: () => ordersRoute, path: '/$id', component: lazyRouteComponent(orders, 'OrderDetailPage') });
const orderEditRoute = createRoute({ getParentRoute: () => ordersRoute, path: '/$id/edit', component: lazyRouteComponent(orders, 'OrderEditPage') });

const productsRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/products' });
const productListRoute = createRoute({
  getParentRoute: () => productsRoute,
  path: '/', component: lazyRouteComponent(products, 'ProductsPage'),
  validateSearch: validateProductSearch,
});
const productNewRoute = createRoute({ getParentRoute: () => productsRoute, path: '/new', component: lazyRouteComponent(products, 'ProductCreatePage') });
const productDetailRoute = createRoute({ getParentRoute: () => productsRoute, path: '/$id', component: lazyRouteComponent(products, 'ProductDetailPage') });
const productEditRoute = createRoute({ getParentRoute: () => productsRoute, path: '/$id/edit', component: lazyRouteComponent(products, 'ProductEditPage') });

const inventoryRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/inventory' });
const stockRoute = createRoute({
  getParentRoute: () => inventoryRoute,
  path: '/', component: lazyRouteComponent(inventory, 'StockPage'),
  validateSearch: validateStockSearch,
});
const movementsRoute = createRoute({
  getParentRoute: () => inventoryRoute,
  path: '/movements', component: lazyRouteComponent(inventory, 'MovementsPage'),
  validateSearch: validateStockSearch,
});
const lowStockRoute = createRoute({ getParentRoute: () => inventoryRoute, path: '/low-stock', component: lazyRouteComponent(inventory, 'LowStockPage') });
const fulfilmentQueueRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/fulfilment', component: lazyRouteComponent(() => import('./fulfilment/FulfilmentQueuePage'), 'FulfilmentQueuePage') });
const webhooks = () => import('./webhooks/pages');
const webhooksRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/webhooks' });
const webhookListRoute = createRoute({ getParentRoute: () => webhooksRoute, path: '/', component: lazyRouteComponent(webhooks, 'WebhooksPage') });
const webhookDetailRoute = createRoute({ getParentRoute: () => webhooksRoute, path: '/$id', component: lazyRouteComponent(webhooks, 'WebhookDetailPage') });
const messages = () => import('./messages/pages');
const messagesRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/messages' });
const messageListRoute = createRoute({ getParentRoute: () => messagesRoute, path: '/', component: lazyRouteComponent(messages, 'MessagesPage') });
const messageTemplatesRoute = createRoute({ getParentRoute: () => messagesRoute, path: '/templates', component: lazyRouteComponent(messages, 'TemplatesPage') });
const messageTemplateEditRoute = createRoute({ getParentRoute: () => messagesRoute, path: '/templates/$key/$channel/$locale', component: lazyRouteComponent(messages, 'TemplateEditPage') });
const messageRulesRoute = createRoute({ getParentRoute: () => messagesRoute, path: '/rules', component: lazyRouteComponent(messages, 'RulesPage') });
const warehousesRoute = createRoute({ getParentRoute: () => staffLayoutRoute, path: '/warehouses', component: lazyRouteComponent(inventory, 'WarehousesPage') });

export const backofficeRouteTree = [
  staffLoginRoute,
  staffLayoutRoute.addChildren([
    staffDashboardRoute,
    customersRoute.addChildren([customerListRoute, customerNewRoute, customerImportRoute, customerDetailRoute, customerEditRoute]),
    ordersRoute.addChildren([orderListRoute, orderNewRoute, orderDetailRoute, orderEditRoute]),
    productsRoute.addChildren([productListRoute, productNewRoute, productDetailRoute, productEditRoute]),
    inventoryRoute.addChildren([stockRoute, movementsRoute, lowStockRoute]),
    warehousesRoute,
    fulfilmentQueueRoute,
    webhooksRoute.addChildren([webhookListRoute, webhookDetailRoute]),
    messagesRoute.addChildren([messageListRoute, messageTemplatesRoute, messageTemplateEditRoute, messageRulesRoute]),
  ]),
] as const;
