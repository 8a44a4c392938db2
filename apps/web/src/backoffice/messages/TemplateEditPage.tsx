import { useEffect, useState } from 'react';
import { Alert, Button, Card, Center, Checkbox, Grid, Group, Loader, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { TEMPLATE_ATTACHMENTS, type Locale, type MessageChannel, type MessageTemplate, type TemplateAttachment, type TemplateKey } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { BackLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePreview, useSaveTemplate, useTemplate, useTemplateVersions, useTestSend } from './api';

const route = getRouteApi('/backoffice/messages/templates/$key/$channel/$locale');

interface Draft {
  subject: string;
  text: string;
  html: string;
  attachments: TemplateAttachment[];
}

const draftOf = (t: MessageTemplate): Draft => ({ subject: t.subject ?? '', text: t.text, html: t.html ?? '', attachments: t.attachments });

/** Edit a template with a live preview against a real order, test-send it to yourself, and see its versions. */
export function TemplateEditPage() {
  const { t } = useTranslation();
  const params = route.useParams();
  const navigate = route.useNavigate();
  const key = params.key as TemplateKey;
  const channel = params.channel as MessageChannel;
  const locale = params.locale as Locale;
  const template = useTemplate(key, channel, locale);
  const versions = useTemplateVersions(key, channel, locale);
  const save = useSaveTemplate(key, channel, locale);
  const testSend = useTestSend(key, channel, locale);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [orderNumber, setOrderNumber] = useState('');
  const loaded = template.data;
  useEffect(() => {
    if (loaded) setDraft(draftOf(loaded));
  }, [loaded]);

  const [debounced] = useDebouncedValue(draft, 300);
  const [debouncedOrder] = useDebouncedValue(orderNumber.trim(), 300);
  const preview = usePreview(
    debounced
      ? {
          key,
          channel,
          locale,
          subject: channel === 'sms' ? null : debounced.subject,
          text: debounced.text,
          html: channel === 'email' && debounced.html ? debounced.html : null,
          attachments: channel === 'email' ? debounced.attachments : [],
          ...(debouncedOrder ? { orderNumber: debouncedOrder } : {}),
        }
      : null,
  );

  if (template.error) return <ProblemAlert error={template.error} />;
  if (!draft || !loaded) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const body = { subject: channel === 'sms' ? null : draft.subject, text: draft.text, html: channel === 'email' && draft.html ? draft.html : null, attachments: channel === 'email' ? draft.attachments : [] };

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={`${t(`messages.templateKeys.${key}`)} · ${t(`messages.channels.${channel}`)}`}
        subtitle={t('messages.templates.versionLabel', { version: loaded.version })}
        back={<BackLink to="/messages/templates">{t('messages.templates.title')}</BackLink>}
        actions={
          <SegmentedControl
            value={locale}
            onChange={(l) => void navigate({ to: '/messages/templates/$key/$channel/$locale', params: { key, channel, locale: l } })}
            data={[
              { value: 'en', label: 'English' },
              { value: 'zh-CN', label: '简体中文' },
            ]}
            data-testid="template-locale"
          />
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder radius="lg" padding="lg">
            <Stack gap="sm">
              {channel !== 'sms' ? <TextInput label={t('messages.subject')} value={draft.subject} onChange={(e) => set({ subject: e.currentTarget.value })} data-testid="template-subject" /> : null}
              <Textarea label={t('messages.templates.text')} value={draft.text} onChange={(e) => set({ text: e.currentTarget.value })} autosize minRows={8} maxRows={20} ff="monospace" data-testid="template-text" />
              {channel === 'email' ? (
                <>
                  <Textarea label={t('messages.templates.html')} description={t('messages.templates.htmlHint')} value={draft.html} onChange={(e) => set({ html: e.currentTarget.value })} autosize minRows={4} maxRows={14} ff="monospace" data-testid="template-html" />
                  <Checkbox.Group label={t('messages.templates.attachments')} value={draft.attachments} onChange={(v) => set({ attachments: v as TemplateAttachment[] })}>
                    <Group gap="md" mt={4}>
                      {TEMPLATE_ATTACHMENTS.map((a) => (
                        <Checkbox key={a} value={a} label={t(`messages.attachments.${a}`)} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                </>
              ) : null}
              <Text fz="xs" c="dimmed">
                {t('messages.templates.variables')}
              </Text>
              <ProblemAlert error={save.error} />
              {save.isSuccess ? (
                <Alert color="teal" variant="light" data-testid="template-saved">
                  {t('messages.templates.saved', { version: save.data.version })}
                </Alert>
              ) : null}
              <Group>
                <Button onClick={() => save.mutate(body, { onSuccess: () => void versions.refetch().then(() => template.refetch()) })} loading={save.isPending} data-testid="template-save">
                  {t('messages.templates.save')}
                </Button>
                <Button variant="light" onClick={() => testSend.mutate(debouncedOrder ? { orderNumber: debouncedOrder } : {})} loading={testSend.isPending} data-testid="template-test-send">
                  {t('messages.templates.testSend')}
                </Button>
              </Group>
              <ProblemAlert error={testSend.error} />
              {testSend.data ? (
                <Alert color={testSend.data.sent ? 'teal' : 'yellow'} variant="light" data-testid="template-test-result">
                  {testSend.data.detail}
                </Alert>
              ) : null}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="lg">
            <Card withBorder radius="lg" padding="lg" data-testid="template-preview">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} fz="lg">
                    {t('messages.templates.preview')}
                  </Title>
                  {preview.isFetching ? <Loader size="xs" /> : null}
                </Group>
                <TextInput label={t('messages.templates.previewOrder')} placeholder="SO-2026-000001" value={orderNumber} onChange={(e) => setOrderNumber(e.currentTarget.value)} data-testid="template-preview-order" />
                <ProblemAlert error={preview.error} testId="template-preview-error" />
                {preview.data ? (
                  <>
                    {preview.data.subject !== null ? (
                      <Text fw={600} data-testid="template-preview-subject">
                        {preview.data.subject}
                      </Text>
                    ) : null}
                    {preview.data.html !== null ? (
                      <iframe title={t('messages.templates.preview')} sandbox="" srcDoc={preview.data.html} style={{ width: '100%', minHeight: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'white' }} data-testid="template-preview-html" />
                    ) : null}
                    <Text component="pre" fz="sm" style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="template-preview-text">
                      {preview.data.text}
                    </Text>
                  </>
                ) : null}
              </Stack>
            </Card>
            <VersionHistory versions={versions.data?.data ?? []} current={loaded.version} onLoad={(v) => setDraft(draftOf(v))} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function VersionHistory({ versions, current, onLoad }: { versions: MessageTemplate[]; current: number; onLoad: (v: MessageTemplate) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="template-versions">
      <Stack gap="xs">
        <Title order={2} fz="lg">
          {t('messages.templates.versions')}
        </Title>
        {versions.map((v) => (
          <Group key={v.version} justify="space-between" data-testid="template-version" data-version={v.version}>
            <Text fz="sm">
              {v.version === 0 ? t('messages.templates.shipped') : `v${v.version}`}
              {v.version === current ? ` · ${t('messages.templates.current')}` : ''}
              {v.updatedAt ? ` · ${formatDateTime(v.updatedAt, locale)}` : ''}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => onLoad(v)}>
              {t('messages.templates.load')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
