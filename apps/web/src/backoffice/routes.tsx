import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../app/rootRoute';
import { redirectIfSignedIn, requireSession, validateLoginSearch } from '../shared/auth/guards';
import { StaffDashboard, StaffLayout, StaffLoginPage } from './pages';
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

export const backofficeRouteTree = [
  staffLoginRoute,
  staffLayoutRoute.addChildren([staffDashboardRoute]),
] as const;
