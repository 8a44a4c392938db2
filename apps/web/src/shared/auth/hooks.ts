import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import type { Locale, LoginRequest } from '@ordercare/contracts';
import { adoptAccountLocale, chooseLocale } from '../../i18n';
import { sessionQuery, type AuthRealm } from './realm';

export function useSession<S>(realm: AuthRealm<S>) {
  return useQuery(sessionQuery(realm));
}

export function useLogin<S>(realm: AuthRealm<S>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => realm.login(body),
    onSuccess: (session) => {
      queryClient.setQueryData(realm.queryKey, session);
      adoptAccountLocale(realm.profile(session).locale);
    },
  });
}

export function useLogout<S>(realm: AuthRealm<S>) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: () => realm.logout(),
    // Leave the signed-in area even if the call failed (e.g. session already expired).
    onSettled: async () => {
      queryClient.setQueryData(realm.queryKey, null);
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== 'me' && query.queryKey[0] !== 'portal-me',
      });
      await router.navigate({ to: realm.loginPath, replace: true });
    },
  });
}

/**
 * Handler for the language switch: applies and stores the choice locally and,
 * when the realm supports it and someone is signed in, saves it on the account.
 */
export function useChangeLocale<S>(realm?: AuthRealm<S>) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Locale) => {
      if (!realm?.saveLocale) return Promise.resolve(null);
      return realm.saveLocale(locale);
    },
    onSuccess: (session) => {
      if (realm && session) queryClient.setQueryData(realm.queryKey, session);
    },
    onError: (error) => {
      console.warn('Could not save the language on the account', error);
    },
  });

  return (locale: Locale) => {
    void chooseLocale(locale);
    if (!realm?.saveLocale) return;
    const session = queryClient.getQueryData<S | null>(realm.queryKey);
    if (session && realm.profile(session).locale !== locale) save.mutate(locale);
  };
}
