import type { PortalSession } from '@ordercare/contracts';
import { portalAuth } from '../api/auth';
import { useSession } from '../shared/auth/hooks';
import { sessionQuery, type AuthRealm } from '../shared/auth/realm';

export const portalRealm: AuthRealm<PortalSession> = {
  id: 'portal',
  queryKey: ['portal-me'],
  loginPath: '/portal/login',
  homePath: '/portal',
  fetchSession: portalAuth.me,
  login: portalAuth.login,
  logout: portalAuth.logout,
  profile: (session) => session.account,
  saveLocale: (locale) => portalAuth.updateMe({ locale }),
};

export const portalMeQuery = sessionQuery(portalRealm);

/** The signed-in customer session (`null` when signed out). Query key `['portal-me']`. */
export function usePortalMe() {
  return useSession(portalRealm);
}
