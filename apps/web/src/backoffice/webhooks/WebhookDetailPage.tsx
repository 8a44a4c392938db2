import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { BackLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useRotateSecret, useUpdateWebhook, useWebhook, webhookKeys } from './api';
import { DeliveryLog } from './DeliveryLog';
import { SecretReveal } from './SecretReveal';

const route = getRouteApi('/backoffice/webhooks/$id');

export function WebhookDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = route.useParams();
  const webhook = useWebhook(id);
  const update = useUpdateWebhook(id);
  const rotate = useRotateSecret(id);
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const [secret, setSecret] = useState<string | null>(null);
  const back = <BackLink to="/webhooks">{t('webhooks.title')}</BackLink>;

  if (!webhook.data) {
    return (
      <Stack gap="lg">
        <PageHeader title={t('webhooks.title')} back={back} />
        <ProblemAlert error={webhook.error} />
      </Stack>
    );
  }
  const w = webhook.data;
  const manage = can('webhooks.manage');
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        back={back}
        title={<span style={{ overflowWrap: 'anywhere' }}>{w.url}</span>}
        testId="webhook-title"
        subtitle={
          <Badge color={w.active ? 'green' : 'gray'} variant="light" data-testid="webhook-status" data-active={String(w.active)}>
            {w.active ? t('webhooks.activeBadge') : t('webhooks.inactiveBadge')}
          </Badge>
        }
        actions={
          manage && (
            <>
              <Button variant="default" loading={update.isPending} onClick={() => update.mutate({ version: w.version, body: { active: !w.active } })} data-testid="webhook-toggle">
                {w.active ? t('webhooks.deactivate') : t('webhooks.activate')}
              </Button>
              <Button variant="default" loading={rotate.isPending} onClick={() => rotate.mutate(undefined, { onSuccess: (r) => setSecret(r.secret) })} data-testid="webhook-rotate">
                {t('webhooks.rotate')}
              </Button>
              <Button variant="default" onClick={() => void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) })} data-testid="webhook-refresh">
                {t('webhooks.refresh')}
              </Button>
            </>
          )
        }
      />
      <ProblemAlert error={update.error ?? rotate.error} testId="webhook-action-error" />
      {secret ? <SecretReveal secret={secret} /> : null}
      <Card withBorder padding="md">
        <Stack gap={4}>
          <Text fz="sm">
            <b>{t('webhooks.events')}:</b> {w.events.map((e) => (e === '*' ? t('webhooks.allEvents') : e)).join(', ')}
          </Text>
          {w.description ? <Text fz="sm">{w.description}</Text> : null}
          <Text fz="sm">
            <b>{t('webhooks.secretHint')}:</b> <span style={{ fontFamily: 'monospace' }}>{w.secretHint}</span>
          </Text>
          <Text fz="xs" c="dimmed">
            {t('webhooks.createdAt', { at: formatDateTime(w.createdAt, locale) })}
          </Text>
          <Text fz="xs" c="dimmed">
            {t('webhooks.signingHelp')}
          </Text>
        </Stack>
      </Card>
      <Group justify="space-between">
        <Title order={2} fz={18}>
          {t('webhooks.log.title')}
        </Title>
      </Group>
      <DeliveryLog webhookId={id} canRedeliver={manage} />
    </Stack>
  );
}
