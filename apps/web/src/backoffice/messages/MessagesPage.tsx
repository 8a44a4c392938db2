import { useState } from 'react';
import { Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, type MessageChannel, type MessageStatus } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { AnchorLink, ButtonLink } from '../../shared/links';
import { ListTable } from '../../shared/ListTable';
import { PageHeader } from '../../shared/PageHeader';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useMessageList } from './api';
import { MessageReasonText, MessageStatusBadge, recipient } from './MessageParts';

/** Every message with its delivery status; filter by status and channel. */
export function MessagesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = usePermissions();
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const [channel, setChannel] = useState<MessageChannel | ''>('');
  const list = useMessageList({ ...(status ? { status } : {}), ...(channel ? { channel } : {}) });
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('messages.title')}
        subtitle={t('messages.subtitle')}
        actions={
          can('messages.templates') && (
            <Group gap="xs">
              <ButtonLink to="/messages/templates" variant="light" data-testid="messages-templates-link">
                {t('messages.templates.title')}
              </ButtonLink>
              <ButtonLink to="/messages/rules" variant="light" data-testid="messages-rules-link">
                {t('messages.rules.title')}
              </ButtonLink>
            </Group>
          )
        }
      />
      <Group gap="sm" wrap="wrap">
        <Select
          label={t('messages.status')}
          data={[{ value: '', label: t('messages.allStatuses') }, ...MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`messages.statuses.${s}`) }))]}
          value={status}
          onChange={(v) => setStatus((v ?? '') as MessageStatus | '')}
          allowDeselect={false}
          w={200}
          data-testid="messages-status-filter"
        />
        <Stack gap={4}>
          <Text fz="sm" fw={500}>
            {t('messages.channel')}
          </Text>
          <SegmentedControl
            value={channel}
            onChange={(v) => setChannel(v as MessageChannel | '')}
            data={[{ value: '', label: t('messages.allChannels') }, ...MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`messages.channels.${c}`) }))]}
          />
        </Stack>
      </Group>
      <ListTable
        list={list}
        testId="messages-table"
        minWidth={820}
        empty={{ title: t('messages.none') }}
        head={
          <>
            <Table.Th>{t('messages.when')}</Table.Th>
            <Table.Th>{t('messages.status')}</Table.Th>
            <Table.Th>{t('messages.channel')}</Table.Th>
            <Table.Th>{t('messages.subject')}</Table.Th>
            <Table.Th>{t('messages.recipient')}</Table.Th>
          </>
        }
        row={(m) => (
          <Table.Tr key={m.id} data-testid="message-row" data-id={m.id}>
            <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(m.sentAt ?? m.createdAt, locale)}
            </Table.Td>
            <Table.Td>
              <MessageStatusBadge status={m.status} />
              <MessageReasonText message={m} />
            </Table.Td>
            <Table.Td fz="sm">{t(`messages.channels.${m.channel}`)}</Table.Td>
            <Table.Td fz="sm">
              {m.orderId ? (
                <AnchorLink to="/orders/$id" params={{ id: m.orderId }}>
                  {m.subject ?? m.text.slice(0, 60)}
                </AnchorLink>
              ) : (
                (m.subject ?? m.text.slice(0, 60))
              )}
            </Table.Td>
            <Table.Td fz="sm">
              <AnchorLink to="/customers/$id" params={{ id: m.customerId }}>
                {recipient(t, m)}
              </AnchorLink>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
