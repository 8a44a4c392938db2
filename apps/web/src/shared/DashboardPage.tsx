import { Card, EmptyState, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconInbox } from './icons';

interface DashboardPageProps {
  name: string;
  /** Explains what will appear here later. */
  emptyDescription: string;
}

/** Dashboard with no widgets yet; modules will add theirs. */
export function DashboardPage({ name, emptyDescription }: DashboardPageProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 24, sm: 28 }} data-testid="dashboard-title">
          {t('dashboard.title')}
        </Title>
        <Text c="dimmed" data-testid="dashboard-welcome">
          {t('dashboard.welcome', { name })}
        </Text>
      </Stack>
      <Card withBorder radius="lg" padding="xl" data-testid="dashboard-empty">
        <EmptyState
          py="xl"
          variant="light"
          icon={<IconInbox size={28} />}
          title={t('dashboard.emptyTitle')}
          description={emptyDescription}
        />
      </Card>
    </Stack>
  );
}
