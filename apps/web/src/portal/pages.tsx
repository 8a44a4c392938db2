import { useTranslation } from 'react-i18next';
import { DashboardPage } from '../shared/DashboardPage';
import { LoginPage } from '../shared/auth/LoginPage';
import { ShellLayout } from '../shared/layout/ShellLayout';
import { IconClipboardList, IconDashboard, IconInbox } from '../shared/icons';
import { InboxNavBadge } from './inbox/InboxNavBadge';
import { portalRealm, usePortalMe } from './session';

export function PortalLoginPage({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation();
  return (
    <LoginPage
      realm={portalRealm}
      area={t('app.portal')}
      subtitle={t('login.portalSubtitle')}
      redirectTo={redirectTo}
    />
  );
}

export function PortalLayout() {
  const { t } = useTranslation();
  return (
    <ShellLayout
      realm={portalRealm}
      area={t('app.portal')}
      nav={[
        { to: '/portal', label: t('nav.dashboard'), icon: <IconDashboard />, exact: true },
        { to: '/portal/orders', label: t('portal.nav.orders'), icon: <IconClipboardList /> },
        { to: '/portal/inbox', label: t('inbox.nav'), icon: <IconInbox />, badge: <InboxNavBadge />, testId: 'nav-inbox' },
      ]}
    />
  );
}

export function PortalDashboard() {
  const { t } = useTranslation();
  const { data } = usePortalMe();
  return <DashboardPage name={data?.account.name ?? ''} emptyDescription={t('dashboard.emptyPortal')} />;
}
