import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, realmOf } from '../api/client';
import { portalRealm } from '../portal/session';
import { staffRealm } from '../backoffice/session';

/**
 * A 401 from any call outside the login endpoints means the session is gone:
 * clear the realm's session query so the signed-in layout sends the user to
 * its login page.
 */
function onUnauthenticated(error: unknown): void {
  if (!isApiError(error) || error.status !== 401 || !error.path) return;
  if (error.path.endsWith('/auth/login')) return;
  const realm = realmOf(error.path) === 'portal' ? portalRealm : staffRealm;
  if (queryClient.getQueryData(realm.queryKey)) queryClient.setQueryData(realm.queryKey, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onUnauthenticated }),
  mutationCache: new MutationCache({ onError: onUnauthenticated }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Retry only transient failures (network, 5xx), never 4xx answers.
      retry: (failureCount, error) =>
        failureCount < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});
