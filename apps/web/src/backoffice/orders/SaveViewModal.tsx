import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import type { OrderFilters } from './api';
import { filtersToQuery, useCreateSavedView } from './savedViews';

/** Names the current filters and saves them as one of the user's views. */
export function SaveViewModal({ opened, onClose, filters }: { opened: boolean; onClose: () => void; filters: OrderFilters }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const create = useCreateSavedView('orders');
  const close = () => {
    setName('');
    create.reset();
    onClose();
  };
  const duplicate = isApiError(create.error) && create.error.problem.code === 'duplicate_view';
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ page: 'orders', name: name.trim(), query: filtersToQuery(filters) }, { onSuccess: close });
  };
  return (
    <Modal opened={opened} onClose={close} title={t('orders.savedViews.saveTitle')} centered data-testid="save-view-modal">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            data-autofocus
            label={t('orders.savedViews.name')}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.currentTarget.value)}
            error={duplicate ? t('orders.savedViews.duplicate') : undefined}
            data-testid="save-view-name"
          />
          {create.error && !duplicate ? <ProblemAlert error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('orders.savedViews.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()} data-testid="save-view-submit">
              {t('orders.savedViews.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
