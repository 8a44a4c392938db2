import { useState } from 'react';
import { Button, Card, Code, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ButtonLink, BackLink } from '../../shared/links';
import { formatBytes } from '../../shared/format';
import { IconFile, IconUpload } from '../../shared/icons';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { isImportFinished, useImportJob, useStartImport } from './api';
import { IMPORT_COLUMNS } from './importColumns';
import { ImportProgress } from './ImportProgress';

export function ImportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const start = useStartImport();
  const job = useImportJob(jobId);
  const finished = isImportFinished(job.data);

  const upload = async () => {
    if (!file) return;
    setReadError(null);
    let csv: string;
    try {
      csv = await file.text();
    } catch (error) {
      setReadError(error);
      return;
    }
    start.mutate({ fileName: file.name, csv }, { onSuccess: (created) => setJobId(created.id) });
  };

  const reset = () => {
    setJobId(null);
    setFile(null);
    start.reset();
  };

  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        back={<BackLink to="/customers">{t('customers.title')}</BackLink>}
      />

      <Card withBorder radius="lg" padding="lg" data-testid="import-columns">
        <Stack gap="xs">
          <Title order={2} fz="md">
            {t('import.columnsTitle')}
          </Title>
          <Text fz="sm" c="dimmed">
            {t('import.columnsHint')}
          </Text>
          <List size="sm" spacing={4}>
            {IMPORT_COLUMNS.map((column) => (
              <List.Item key={column.name}>
                <Code>{column.name}</Code> {column.required ? <Text span fz="xs" c="red">*</Text> : null} — {t(column.help)}
              </List.Item>
            ))}
          </List>
          <Text fz="sm" c="dimmed">
            {t('import.rerunHint')}
          </Text>
        </Stack>
      </Card>

      {!jobId ? (
        <Card withBorder radius="lg" padding="lg">
          <Stack gap="md">
            <ProblemAlert error={start.error ?? readError} title={t('import.failedTitle')} testId="import-error" />
            <FileInput
              label={t('import.file')}
              placeholder={t('import.choose')}
              accept=".csv,text/csv"
              clearable
              leftSection={<IconFile size={16} />}
              value={file}
              onChange={(next) => {
                setFile(next);
                start.reset();
              }}
              data-testid="import-file"
            />
            {file ? (
              <Text fz="sm" c="dimmed" data-testid="import-file-info">
                {t('import.fileInfo', { name: file.name, size: formatBytes(file.size, locale) })}
              </Text>
            ) : null}
            <Group>
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!file}
                loading={start.isPending}
                onClick={() => void upload()}
                data-testid="import-upload"
              >
                {t('import.upload')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}

      {job.error ? <ProblemAlert error={job.error} testId="import-poll-error" /> : null}
      {job.data ? <ImportProgress job={job.data} /> : null}
      {finished ? (
        <Group>
          <ButtonLink to="/customers" variant="light" data-testid="import-view-customers">
            {t('import.viewCustomers')}
          </ButtonLink>
          <Button variant="default" onClick={reset} data-testid="import-again">
            {t('import.again')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
