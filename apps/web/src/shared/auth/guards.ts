import type { QueryClient } from '@tanstack/react-query';
import { redirect } from '@tanstack/react-router';
import { adoptAccountLocale } from '../../i18n';
import { sessionQuery, type AuthRealm } from './realm';

/** Search params accepted by the login pages. */
export interface LoginSearch {
  redirect?: string;
}

export function validateLoginSearch(search: Record<string, unknown>): LoginSearch {
  return typeof search.redirect === 'string' ? { redirect: search.redirect } : {};
}

/**
 * `beforeLoad` of a protected layout: loads the session (cached by TanStack
 * Query) or sends the visitor to the realm's login page.
 */
export async function requireSession<S>(
  realm: AuthRealm<S>,
  queryClient: QueryClient,
  location: { href: string; pathname: string },
): Promise<S> {
  const session = await queryClient.ensureQueryData(sessionQuery(realm));
  if (!session) {
    const isHome = location.pathname === realm.homePath || location.pathname === `${realm.homePath}/`;
    throw redirect({
      to: realm.loginPath,
      search: isHome ? {} : { redirect: location.href },
      replace: true,
    });
  }
  adoptAccountLocale(realm.profile(session).locale);
  return session;
}

/** `beforeLoad` of a login page: someone already signed in goes straight to the dashboard. */
export async function redirectIfSignedIn<S>(realm: AuthRealm<S>, queryClient: QueryClient): Promise<void> {
  let session: S | null = null;
  try {
    session = await queryClient.ensureQueryData(sessionQuery(realm));
  } catch {
    // The server is unreachable or failing: show the login form, which reports errors.
    return;
  }
  if (session) throw redirect({ to: realm.homePath, replace: true });
}
