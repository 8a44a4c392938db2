import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmailOffBanner } from './messages/EmailOffBanner';
import { DashboardPage } from '../shared/DashboardPage';
import { LoginPage } from '../shared/auth/LoginPage';
import { ShellLayout } from '../shared/layout/ShellLayout';
import { useBackofficeNav } from './nav';
import { staffRealm, useMe } from './session';

export function StaffLoginPage({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation();
  return (
    <LoginPage
      realm={staffRealm}
      area={t('app.backOffice')}
      subtitle={t('login.staffSubtitle')}
      redirectTo={redirectTo}
    />
  );
}

export function StaffLayout() {
  const { t } = useTranslation();
  const nav = useBackofficeNav();
  return (
    <ShellLayout
      realm={staffRealm}
      area={t('app.backOffice')}
      nav={nav}
    >
      <EmailOffBanner />
      <Outlet />
    </ShellLayout>
  );
}

export function StaffDashboard() {
  const { t } = useTranslation();
  const { data } = useMe();
  return <DashboardPage name={data?.user.name ?? ''} emptyDescription={t('dashboard.emptyStaff')} />;
}
