import { Badge, Card, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { LOCALES, MESSAGE_CHANNELS, TEMPLATE_KEYS, type MessageTemplate } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../shared/links';
import { AnchorLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useTemplates } from './api';

/** Every template: one row per event, a link per channel and language with its version. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const byId = new Map((templates.data?.data ?? []).map((tpl) => [`${tpl.key}/${tpl.channel}/${tpl.locale}`, tpl]));
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader title={t('messages.templates.title')} subtitle={t('messages.templates.subtitle')} back={<BackLink to="/messages">{t('messages.title')}</BackLink>} />
      <ProblemAlert error={templates.error} />
      {templates.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <Card withBorder radius="lg" padding={0}>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="templates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('messages.templates.event')}</Table.Th>
                  {MESSAGE_CHANNELS.map((c) => (
                    <Table.Th key={c}>{t(`messages.channels.${c}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {TEMPLATE_KEYS.map((key) => (
                  <Table.Tr key={key} data-testid="template-row" data-key={key}>
                    <Table.Td fw={500}>{t(`messages.templateKeys.${key}`)}</Table.Td>
                    {MESSAGE_CHANNELS.map((channel) => (
                      <Table.Td key={channel}>
                        <Group gap="xs">
                          {LOCALES.map((locale) => (
                            <TemplateLink key={locale} template={byId.get(`${key}/${channel}/${locale}`)} />
                          ))}
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

function TemplateLink({ template }: { template: MessageTemplate | undefined }) {
  const { t } = useTranslation();
  if (!template) return null;
  return (
    <AnchorLink
      to="/messages/templates/$key/$channel/$locale"
      params={{ key: template.key, channel: template.channel, locale: template.locale }}
      fz="sm"
      data-testid={`template-link-${template.key}-${template.channel}-${template.locale}`}
    >
      <Group gap={4} wrap="nowrap">
        <Text span fz="sm">
          {template.locale === 'zh-CN' ? '中文' : 'EN'}
        </Text>
        <Badge size="xs" variant={template.version === 0 ? 'outline' : 'filled'} color={template.version === 0 ? 'gray' : 'blue'}>
          {template.version === 0 ? t('messages.templates.default') : `v${template.version}`}
        </Badge>
      </Group>
    </AnchorLink>
  );
}
