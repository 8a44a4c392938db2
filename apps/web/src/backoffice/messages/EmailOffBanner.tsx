import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlertTriangle } from '../../shared/icons';
import { useMessagesStatus } from './api';

/** "Email is off": shown across the back office while no SMTP_URL is configured. */
export function EmailOffBanner() {
  const { t } = useTranslation();
  const status = useMessagesStatus();
  if (!status.data || status.data.emailConfigured) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" data-testid="email-off-banner">
      {t('messages.emailOff')}
    </Alert>
  );
}
