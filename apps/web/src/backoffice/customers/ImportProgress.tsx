import { Alert, Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportJob } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { useLocale } from '../../shared/useLocale';

const STATUS_COLORS: Record<ImportJob['status'], string> = { queued: 'gray', running: 'blue', completed: 'teal', failed: 'red' };

export function importPercent(job: ImportJob): number {
  if (job.status === 'completed') return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(100, Math.floor((job.processedRows / job.totalRows) * 100));
}

function Count({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  const locale = useLocale();
  return (
    <Card withBorder radius="md" padding="sm">
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700} c={color} data-testid={testId}>
        {formatNumber(value, locale)}
      </Text>
    </Card>
  );
}

/** Progress bar, counts and bad rows of a customer import job. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = importPercent(job);
  const running = job.status === 'queued' || job.status === 'running';
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="import-job" data-status={job.status}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} fz="lg">
            {job.fileName ?? t('import.title')}
          </Title>
          <Badge color={STATUS_COLORS[job.status]} variant="light" data-testid="import-status">
            {t(`import.status.${job.status}`)}
          </Badge>
        </Group>
        <Stack gap={6}>
          <Progress
            value={percent}
            size="lg"
            radius="xl"
            striped={running}
            animated={running}
            color={job.status === 'failed' ? 'red' : 'teal'}
            data-testid="import-progress"
            data-value={percent}
            aria-label={t('import.progress')}
          />
          <Group justify="space-between" gap="xs">
            <Text fz="sm" c="dimmed" data-testid="import-rows">
              {t('import.rows', { processed: formatNumber(job.processedRows, locale), total: formatNumber(job.totalRows, locale) })}
            </Text>
            <Text fz="sm" fw={600} data-testid="import-percent">
              {percent}%
            </Text>
          </Group>
        </Stack>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Count label={t('import.created')} value={job.created} testId="import-created" color="teal" />
          <Count label={t('import.updated')} value={job.updated} testId="import-updated" color="blue" />
          <Count label={t('import.unchanged')} value={job.unchanged} testId="import-unchanged" />
          <Count label={t('import.errors')} value={job.errorCount} testId="import-error-count" color={job.errorCount ? 'red' : undefined} />
        </SimpleGrid>
        {job.status === 'failed' && job.failureReason ? (
          <Alert color="red" variant="light" title={t('import.failedJob')} data-testid="import-failure">
            {job.failureReason}
          </Alert>
        ) : null}
        {job.errors.length > 0 ? (
          <Stack gap="xs">
            <Text fw={600} fz="sm">
              {t('import.badRows')}
            </Text>
            {job.errorCount > job.errors.length ? (
              <Text fz="sm" c="dimmed">
                {t('import.moreErrors', { shown: job.errors.length, total: job.errorCount })}
              </Text>
            ) : null}
            <Table.ScrollContainer minWidth={420} type="native">
              <Table withTableBorder verticalSpacing="xs" data-testid="import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>{t('import.line')}</Table.Th>
                    <Table.Th>{t('import.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {job.errors.map((error) => (
                    <Table.Tr key={`${error.line}:${error.message}`} data-testid="import-error-row" data-line={error.line}>
                      <Table.Td ff="monospace">{error.line}</Table.Td>
                      <Table.Td>{error.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
