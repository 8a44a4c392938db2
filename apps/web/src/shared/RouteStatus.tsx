import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** Shown while a route waits for data (e.g. the session check). */
export function PendingPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60dvh">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const inPortal = router.state.location.pathname.startsWith('/portal');
  return (
    <Center mih="100dvh" p="md">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Text fz={48} fw={700} c="teal">
          404
        </Text>
        <Title order={1} fz={24}>
          {t('errors.notFoundTitle')}
        </Title>
        <Text c="dimmed">{t('errors.notFoundBody')}</Text>
        <Button component={Link} to={inPortal ? '/portal' : '/'} variant="light" mt="sm">
          {t('app.home')}
        </Button>
      </Stack>
    </Center>
  );
}

export function ErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const detail = isApiError(error) ? error.problem.detail : error instanceof Error ? error.message : null;
  return (
    <Center mih="100dvh" p="md">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Title order={1} fz={24}>
          {t('errors.genericTitle')}
        </Title>
        {detail ? <Text c="dimmed">{detail}</Text> : null}
        <Button
          variant="light"
          mt="sm"
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          {t('errors.retry')}
        </Button>
      </Stack>
    </Center>
  );
}
