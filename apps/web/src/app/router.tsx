import { createRouter } from '@tanstack/react-router';
import { backofficeRouteTree } from '../backoffice/routes';
import { portalRouteTree } from '../portal/routes';
import { ErrorPage, NotFoundPage, PendingPage } from '../shared/RouteStatus';
import { queryClient } from './queryClient';
import { rootRoute } from './rootRoute';

const routeTree = rootRoute.addChildren([...backofficeRouteTree, portalRouteTree]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  // Route data comes from TanStack Query, which does its own caching.
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: PendingPage,
  defaultPendingMs: 300,
  defaultErrorComponent: ErrorPage,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
