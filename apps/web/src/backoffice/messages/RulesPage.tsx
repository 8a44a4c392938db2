import { useState } from 'react';
import { Button, Card, Center, Group, Loader, MultiSelect, NumberInput, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { TEMPLATE_KEYS, type MessageRule, type RuleChannel, type TemplateKey, type UpdateMessageRuleRequest } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useRules, useUpdateRule } from './api';

const RULE_CHANNELS: RuleChannel[] = ['preferred', 'email', 'sms', 'portal'];

/** Automation rules: per journey event, on/off, template, channels in order, quiet hours, delay. */
export function RulesPage() {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('messages.rules.title')} subtitle={t('messages.rules.subtitle')} back={<BackLink to="/messages">{t('messages.title')}</BackLink>} />
      <ProblemAlert error={rules.error} />
      {rules.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        (rules.data?.data ?? []).map((rule) => <RuleCard key={`${rule.event}:${rule.version}`} rule={rule} />)
      )}
    </Stack>
  );
}

function RuleCard({ rule }: { rule: MessageRule }) {
  const { t } = useTranslation();
  const update = useUpdateRule();
  const { event: _e, version: _v, updatedAt: _u, ...initial } = rule;
  const [form, setForm] = useState<UpdateMessageRuleRequest>(initial);
  const set = (patch: Partial<UpdateMessageRuleRequest>) => setForm({ ...form, ...patch });
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="rule-card" data-event={rule.event}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="md">
            {t(`messages.templateKeys.${rule.event}`)}
          </Title>
          <Switch checked={form.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} label={t('messages.rules.enabled')} data-testid="rule-enabled" />
        </Group>
        <Group gap="sm" align="end" wrap="wrap">
          <Select label={t('messages.rules.template')} data={TEMPLATE_KEYS.map((k) => ({ value: k, label: t(`messages.templateKeys.${k}`) }))} value={form.templateKey} onChange={(v) => v && set({ templateKey: v as TemplateKey })} allowDeselect={false} w={220} />
          <MultiSelect label={t('messages.rules.channels')} description={t('messages.rules.channelsHint')} data={RULE_CHANNELS.map((c) => ({ value: c, label: t(`messages.ruleChannels.${c}`) }))} value={form.channels} onChange={(v) => set({ channels: v as RuleChannel[] })} w={320} />
          <TextInput label={t('messages.rules.quietStart')} placeholder="21:00" value={form.quietHoursStart ?? ''} onChange={(e) => set({ quietHoursStart: e.currentTarget.value || null })} w={110} />
          <TextInput label={t('messages.rules.quietEnd')} placeholder="08:00" value={form.quietHoursEnd ?? ''} onChange={(e) => set({ quietHoursEnd: e.currentTarget.value || null })} w={110} />
          <TextInput label={t('messages.rules.timeZone')} value={form.timeZone} onChange={(e) => set({ timeZone: e.currentTarget.value })} w={170} />
          <NumberInput label={t('messages.rules.delay')} value={form.delayMinutes} min={0} onChange={(v) => set({ delayMinutes: typeof v === 'number' ? v : 0 })} w={140} />
        </Group>
        <ProblemAlert error={update.error} />
        <Group>
          <Button size="xs" onClick={() => update.mutate({ rule, body: form })} loading={update.isPending} data-testid="rule-save">
            {t('form.save')}
          </Button>
          {update.isSuccess ? (
            <Text fz="sm" c="teal">
              {t('messages.rules.saved')}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
