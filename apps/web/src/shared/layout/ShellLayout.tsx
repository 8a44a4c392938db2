import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Brand } from '../Brand';
import { IconLogout, IconUser } from '../icons';
import { LocaleSwitch } from '../LocaleSwitch';
import { useChangeLocale, useLogout, useSession } from '../auth/hooks';
import type { AuthRealm } from '../auth/realm';
import classes from './ShellLayout.module.css';
import { ShellNav, type NavItem } from './ShellNav';

interface ShellLayoutProps<S> {
  realm: AuthRealm<S>;
  /** Name of the area shown next to the brand. */
  area: string;
  nav: NavItem[];
  /** Defaults to the route outlet. */
  children?: ReactNode;
}

/** Signed-in frame of a shell: header (brand, language, user, logout) + navbar + page. */
export function ShellLayout<S>({ realm, area, nav, children }: ShellLayoutProps<S>) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession(realm);
  const logout = useLogout(realm);
  const changeLocale = useChangeLocale(realm);

  // Session ended while on the page (logout elsewhere, expiry answered with 401).
  if (session.data === null && !logout.isPending) return <Navigate to={realm.loginPath} replace />;
  if (!session.data) {
    return (
      <Center mih="100dvh">
        <Loader />
      </Center>
    );
  }
  const profile = realm.profile(session.data);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNavigation')}
            />
            <Brand area={area} />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LocaleSwitch onChange={changeLocale} />
            <Group gap={6} wrap="nowrap" visibleFrom="sm" c="dimmed">
              <IconUser size={16} />
              <Text fz="sm" c="dark" maw={180} truncate="end" title={profile.email}>
                {profile.name}
              </Text>
            </Group>
            <Button
              data-testid="logout"
              variant="subtle"
              color="gray"
              size="compact-sm"
              aria-label={t('shell.logout')}
              title={t('shell.logout')}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            >
              <Group gap={6} wrap="nowrap">
                <IconLogout size={16} />
                <span className={classes.logoutLabel}>{t('shell.logout')}</span>
              </Group>
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <Stack gap={4} hiddenFrom="sm" px="sm" pb="sm" mb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fz="xs" c="dimmed">
            {t('shell.signedInAs')}
          </Text>
          <Text fz="sm" fw={500} truncate="end">
            {profile.name}
          </Text>
        </Stack>
        <ShellNav items={nav} onNavigate={close} />
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">{children ?? <Outlet />}</AppShell.Main>
    </AppShell>
  );
}
