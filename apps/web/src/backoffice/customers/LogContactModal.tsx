import { useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CONTACT_KINDS, CONTACT_OUTCOMES, type ContactKind, type ContactLogEntry, type ContactOutcome, type LogContactRequest } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { IconPlus } from '../../shared/icons';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { customerKeys } from './api';

/** `YYYY-MM-DDTHH:mm` in local time, what `<input type="datetime-local">` shows. */
function localInputValue(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function useLogContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LogContactRequest; idempotencyKey: string }) =>
      api.post<ContactLogEntry>(`/api/v1/customers/${encodeURIComponent(customerId)}/contact-log`, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => {
      // The timeline entry is written by the outbox worker just after the commit.
      const refresh = () => queryClient.invalidateQueries({ queryKey: customerKeys.timeline(customerId) });
      void refresh();
      setTimeout(() => void refresh(), 1500);
    },
  });
}

function LogContactModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const log = useLogContact(customerId);
  const [idempotencyKey] = useState(() => globalThis.crypto?.randomUUID?.() ?? String(Date.now()));
  const [kind, setKind] = useState<ContactKind>('phone_call');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('outbound');
  const [occurredAt, setOccurredAt] = useState(() => localInputValue(new Date()));
  const [duration, setDuration] = useState<number | string>('');
  const [outcome, setOutcome] = useState<ContactOutcome | null>(null);
  const [notes, setNotes] = useState('');
  const [followUpAt, setFollowUpAt] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    if (!outcome || !occurredAt) {
      setMissing(true);
      return;
    }
    const body: LogContactRequest = {
      kind,
      direction,
      occurredAt: new Date(occurredAt).toISOString(),
      outcome,
      notes,
      ...(typeof duration === 'number' ? { durationMinutes: duration } : {}),
      ...(followUpAt ? { followUpAt: new Date(followUpAt).toISOString() } : {}),
    };
    await log.mutateAsync({ body, idempotencyKey });
    onClose();
  };

  return (
    <Modal opened onClose={onClose} title={t('inbox.contacts.title')} centered data-testid="log-contact-modal">
      <Stack gap="sm">
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => setKind(v as ContactKind)}
          data={CONTACT_KINDS.map((k) => ({ value: k, label: t(`inbox.contacts.kinds.${k}`) }))}
          data-testid="log-contact-kind"
        />
        <SegmentedControl
          fullWidth
          value={direction}
          onChange={(v) => setDirection(v as 'inbound' | 'outbound')}
          data={[
            { value: 'outbound', label: t('inbox.contacts.directions.outbound') },
            { value: 'inbound', label: t('inbox.contacts.directions.inbound') },
          ]}
          data-testid="log-contact-direction"
        />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label={t('inbox.contacts.occurredAt')} required value={occurredAt} onChange={(e) => setOccurredAt(e.currentTarget.value)} data-testid="log-contact-occurred" />
          <NumberInput label={t('inbox.contacts.duration')} min={0} max={1440} allowDecimal={false} value={duration} onChange={setDuration} data-testid="log-contact-duration" />
        </Group>
        <Select
          label={t('inbox.contacts.outcome')}
          required
          data={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`inbox.contacts.outcomes.${o}`) }))}
          value={outcome}
          onChange={(v) => setOutcome(v as ContactOutcome | null)}
          error={missing && !outcome ? t('inbox.contacts.outcomeRequired') : undefined}
          data-testid="log-contact-outcome"
        />
        <Textarea label={t('inbox.contacts.notes')} autosize minRows={3} maxRows={8} maxLength={5000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} data-testid="log-contact-notes" />
        <TextInput type="datetime-local" label={t('inbox.contacts.followUpAt')} value={followUpAt} onChange={(e) => setFollowUpAt(e.currentTarget.value)} data-testid="log-contact-follow-up" />
        {log.error ? <ProblemAlert error={log.error} /> : null}
        <Text fz="xs" c="dimmed">
          {t('inbox.contacts.hint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.cancel')}
          </Button>
          <Button onClick={() => void submit().catch(() => undefined)} loading={log.isPending} data-testid="log-contact-save">
            {t('inbox.contacts.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Log a contact" on the customer page (admin, manager, sales, support), with its modal. */
export function LogContactButton({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [open, setOpen] = useState(false);
  if (!can('customers.write')) return null;
  return (
    <Group justify="flex-end">
      <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)} data-testid="log-contact">
        {t('inbox.contacts.button')}
      </Button>
      {open ? <LogContactModal customerId={customerId} onClose={() => setOpen(false)} /> : null}
    </Group>
  );
}

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** What a `contact.logged` timeline entry shows: kind, outcome, duration, follow-up date and the notes. */
export function ContactSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { kind, outcome, durationMinutes, followUpAt, notes } = data;
  return (
    <Stack gap={2} data-testid="timeline-contact">
      <Group gap={4} wrap="wrap">
        {isOneOf(CONTACT_KINDS, kind) ? <Badge size="xs" variant="light">{t(`inbox.contacts.kinds.${kind}`)}</Badge> : null}
        {isOneOf(CONTACT_OUTCOMES, outcome) ? (
          <Badge size="xs" variant="light" color={outcome === 'follow_up_needed' ? 'orange' : 'gray'}>
            {t(`inbox.contacts.outcomes.${outcome}`)}
          </Badge>
        ) : null}
        {typeof durationMinutes === 'number' ? <Text fz="xs" c="dimmed">{t('inbox.contacts.minutes', { count: durationMinutes })}</Text> : null}
        {typeof followUpAt === 'string' ? <Text fz="xs" c="dimmed">{t('inbox.contacts.followUpOn', { date: formatDateTime(followUpAt, locale) })}</Text> : null}
      </Group>
      {typeof notes === 'string' && notes ? (
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={4}>
          {notes}
        </Text>
      ) : null}
    </Stack>
  );
}
