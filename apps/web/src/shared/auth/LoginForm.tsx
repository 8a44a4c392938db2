import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { IconAlert } from '../icons';
import { useLogin } from './hooks';
import type { AuthRealm } from './realm';

interface LoginFormProps<S> {
  realm: AuthRealm<S>;
  onSignedIn: (session: S) => void | Promise<void>;
}

type Field = 'email' | 'password';

/** Server validation messages keyed by field (`errors[].path` may be `email`, `/email`, `body.email`). */
function fieldErrors(error: unknown): Partial<Record<Field, string>> {
  if (!isApiError(error)) return {};
  const out: Partial<Record<Field, string>> = {};
  for (const item of error.problem.errors ?? []) {
    const field = item.path.split(/[./]/).filter(Boolean).pop();
    if (field === 'email' || field === 'password') out[field] ??= item.message;
  }
  return out;
}

/** Email + password form shared by the back office and the portal. */
export function LoginForm<S>({ realm, onSignedIn }: LoginFormProps<S>) {
  const { t } = useTranslation();
  const login = useLogin(realm);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    const empty = { email: !email.trim(), password: !password };
    setMissing(empty);
    if (empty.email || empty.password) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: (session) => onSignedIn(session) });
  };

  const error = login.error;
  const problem = isApiError(error) ? error.problem : null;
  const message =
    problem && problem.code !== 'network_error' ? problem.detail : error ? t('login.networkError') : null;
  const fields = fieldErrors(error);
  const required = t('login.required');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {message ? (
          <Alert
            data-testid="login-error"
            role="alert"
            color="red"
            variant="light"
            title={t('login.errorTitle')}
            icon={<IconAlert />}
          >
            {message}
          </Alert>
        ) : null}
        <TextInput
          data-testid="login-email"
          label={t('login.email')}
          placeholder={t('login.emailPlaceholder')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          autoFocus
          value={email}
          error={missing.email ? required : fields.email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setMissing((m) => ({ ...m, email: false }));
          }}
        />
        <PasswordInput
          data-testid="login-password"
          label={t('login.password')}
          placeholder={t('login.passwordPlaceholder')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          error={missing.password ? required : fields.password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setMissing((m) => ({ ...m, password: false }));
          }}
        />
        <Button data-testid="login-submit" type="submit" fullWidth mt="xs" loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
