import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Brand } from '../Brand';
import { LocaleSwitch } from '../LocaleSwitch';
import { useChangeLocale } from './hooks';
import { LoginForm } from './LoginForm';
import { safeRedirect, type AuthRealm } from './realm';

interface LoginPageProps<S> {
  realm: AuthRealm<S>;
  /** Name of the area shown next to the brand ("Back office", "Customer portal"). */
  area: string;
  subtitle: string;
  /** Raw `?redirect=` value; honoured only when it points inside the realm. */
  redirectTo?: string;
}

/** Full-page sign-in screen shared by both shells. */
export function LoginPage<S>({ realm, area, subtitle, redirectTo }: LoginPageProps<S>) {
  const { t } = useTranslation();
  const router = useRouter();
  // Nobody is signed in here, so the choice is only stored locally.
  const changeLocale = useChangeLocale();

  const onSignedIn = async () => {
    const target = safeRedirect(realm, redirectTo);
    if (target) await router.navigate({ href: target, replace: true });
    else await router.navigate({ to: realm.homePath, replace: true });
  };

  return (
    <Box mih="100dvh" bg="gray.0" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" px={{ base: 'md', sm: 'xl' }} py="md" wrap="nowrap">
        <Brand area={area} />
        <LocaleSwitch onChange={changeLocale} />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <Stack gap={4} mb="lg">
            <Title order={1} fz={26}>
              {t('login.title')}
            </Title>
            <Text c="dimmed" fz="sm">
              {subtitle}
            </Text>
          </Stack>
          <LoginForm realm={realm} onSignedIn={onSignedIn} />
        </Paper>
      </Center>
    </Box>
  );
}
