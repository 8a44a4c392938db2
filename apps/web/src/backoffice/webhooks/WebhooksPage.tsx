import { useState } from 'react';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../shared/icons';
import { AnchorLink } from '../../shared/links';
import { ListTable } from '../../shared/ListTable';
import { PageHeader } from '../../shared/PageHeader';
import { usePermissions } from '../permissions';
import { useWebhookList } from './api';
import { CreateWebhookModal } from './CreateWebhookModal';

const route = getRouteApi('/backoffice/webhooks/');

export function WebhooksPage() {
  const { t } = useTranslation();
  const navigate = route.useNavigate();
  const list = useWebhookList();
  const { can } = usePermissions();
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('webhooks.title')}
        subtitle={t('webhooks.subtitle')}
        actions={
          can('webhooks.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="webhooks-new">
              {t('webhooks.new')}
            </Button>
          )
        }
      />
      <ListTable
        list={list}
        testId="webhooks-table"
        minWidth={720}
        empty={{ title: t('webhooks.empty'), description: t('webhooks.emptyHint') }}
        head={
          <>
            <Table.Th>{t('webhooks.url')}</Table.Th>
            <Table.Th>{t('webhooks.events')}</Table.Th>
            <Table.Th>{t('webhooks.status')}</Table.Th>
            <Table.Th>{t('webhooks.secretHint')}</Table.Th>
          </>
        }
        row={(w) => (
          <Table.Tr key={w.id} data-testid="webhook-row" data-id={w.id} style={{ cursor: 'pointer' }} onClick={() => void navigate({ to: '/webhooks/$id', params: { id: w.id } })}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              <AnchorLink to="/webhooks/$id" params={{ id: w.id }} fw={500} onClick={(e) => e.stopPropagation()}>
                {w.url}
              </AnchorLink>
              {w.description ? (
                <Text fz="xs" c="dimmed">
                  {w.description}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td fz="sm">{w.events.map((e) => (e === '*' ? t('webhooks.allEvents') : e)).join(', ')}</Table.Td>
            <Table.Td>
              <Badge color={w.active ? 'green' : 'gray'} variant="light">
                {w.active ? t('webhooks.activeBadge') : t('webhooks.inactiveBadge')}
              </Badge>
            </Table.Td>
            <Table.Td ff="monospace" fz="sm">
              {w.secretHint}
            </Table.Td>
          </Table.Tr>
        )}
      />
      {creating ? <CreateWebhookModal onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
