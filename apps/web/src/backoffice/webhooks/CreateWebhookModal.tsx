import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Stack, Switch, TextInput } from '@mantine/core';
import { WEBHOOK_EVENT_TYPES, type CreateWebhookRequest, type WebhookWithSecret } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useCreateWebhook } from './api';
import { SecretReveal } from './SecretReveal';

export const eventOptions = (allLabel: string) => [{ value: '*', label: allLabel }, ...WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: e }))];

/** Subscribes a URL; after saving, the modal shows the secret once. */
export function CreateWebhookModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['order.placed']);
  const [description, setDescription] = useState('');
  const [active, setActive] = useState(true);
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  const fieldError = (path: string) => problemOf(create.error)?.errors?.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), events: events as CreateWebhookRequest['events'], active, ...(description.trim() ? { description: description.trim() } : {}) },
      { onSuccess: setCreated },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('webhooks.create.title')} centered size="lg" data-testid="webhook-create-modal">
      {created ? (
        <Stack gap="sm">
          <SecretReveal secret={created.secret} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="webhook-create-done">
              {t('webhooks.create.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ProblemAlert error={create.error} title={t('webhooks.create.failed')} testId="webhook-create-error" />
            <TextInput label={t('webhooks.url')} description={t('webhooks.urlHint')} placeholder="https://example.com/hooks/ordercare" required value={url} error={fieldError('body.url')} onChange={(e) => setUrl(e.currentTarget.value)} data-testid="webhook-url" data-autofocus />
            <MultiSelect label={t('webhooks.events')} description={t('webhooks.eventsHint')} data={eventOptions(t('webhooks.allEvents'))} value={events} onChange={setEvents} searchable error={fieldError('body.events')} data-testid="webhook-events" />
            <TextInput label={t('webhooks.description')} maxLength={500} value={description} onChange={(e) => setDescription(e.currentTarget.value)} data-testid="webhook-description" />
            <Switch label={t('webhooks.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} data-testid="webhook-active" />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={onClose}>
                {t('webhooks.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="webhook-submit">
                {t('webhooks.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
