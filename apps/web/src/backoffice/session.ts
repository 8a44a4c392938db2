import type { StaffSession } from '@ordercare/contracts';
import { staffAuth } from '../api/auth';
import { useSession } from '../shared/auth/hooks';
import { sessionQuery, type AuthRealm } from '../shared/auth/realm';

export const staffRealm: AuthRealm<StaffSession> = {
  id: 'staff',
  queryKey: ['me'],
  loginPath: '/login',
  homePath: '/',
  fetchSession: staffAuth.me,
  login: staffAuth.login,
  logout: staffAuth.logout,
  profile: (session) => session.user,
  saveLocale: (locale) => staffAuth.updateMe({ locale }),
};

export const meQuery = sessionQuery(staffRealm);

/** The signed-in staff session (`null` when signed out). Query key `['me']`. */
export function useMe() {
  return useSession(staffRealm);
}
