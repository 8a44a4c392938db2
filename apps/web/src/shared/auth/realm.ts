import { queryOptions } from '@tanstack/react-query';
import type { Locale, LoginRequest } from '@ordercare/contracts';
import type { Realm } from '../../api/client';

/** What the shared shell needs to know about whoever is signed in. */
export interface SessionProfile {
  name: string;
  email: string;
  locale: Locale;
}

/**
 * One sign-in area of the app (staff back office or customer portal).
 * Shared pages (login, layout, guards) are written once against this.
 */
export interface AuthRealm<S> {
  id: Realm;
  /** TanStack Query key of the session query (`['me']` / `['portal-me']`). */
  queryKey: readonly [string];
  loginPath: '/login' | '/portal/login';
  homePath: '/' | '/portal';
  /** Resolves to `null` when there is no session (401). */
  fetchSession: () => Promise<S | null>;
  login: (body: LoginRequest) => Promise<S>;
  logout: () => Promise<void>;
  profile(session: S): SessionProfile;
  /** Saves the UI language on the account; absent when the API has no such call. */
  saveLocale?: (locale: Locale) => Promise<S>;
}

export type AnyAuthRealm = AuthRealm<unknown>;

export function sessionQuery<S>(realm: AuthRealm<S>) {
  return queryOptions({
    queryKey: realm.queryKey,
    queryFn: realm.fetchSession,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * Where to go after signing in. Only same-origin paths inside the realm are
 * accepted so that `?redirect=` cannot send the user elsewhere.
 */
export function safeRedirect(realm: AuthRealm<unknown>, target: unknown): string | null {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  if (target.includes('\\') || target.startsWith(realm.loginPath)) return null;
  const inPortal = target === '/portal' || target.startsWith('/portal/') || target.startsWith('/portal?');
  if (realm.id === 'portal' ? !inPortal : inPortal) return null;
  return target;
}
