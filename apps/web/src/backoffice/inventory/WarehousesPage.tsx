import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format';
import { IconPlus } from '../../shared/icons';
import { ListTable } from '../../shared/ListTable';
import { PageHeader } from '../../shared/PageHeader';
import { applyFieldErrors, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useCreateWarehouse, useWarehouses } from './api';

function CreateWarehouseModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWarehouse();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const required = (v: string) => (v.trim() ? null : t('form.required'));
  const form = useForm({ mode: 'controlled', initialValues: { code: '', name: '', address: '' }, validate: { code: required, name: required } });
  const close = () => {
    form.reset();
    create.reset();
    setUnmatched([]);
    onClose();
  };
  const submit = form.onSubmit((values) =>
    create.mutate(
      { code: values.code.trim().toUpperCase(), name: values.name.trim(), address: values.address.trim() || null },
      { onSuccess: close, onError: (error) => setUnmatched(applyFieldErrors(form, error)) },
    ),
  );
  return (
    <Modal opened={opened} onClose={close} title={t('warehouses.new')} centered data-testid="warehouse-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={create.error} fieldErrors={unmatched} testId="warehouse-error" />
          <TextInput label={t('warehouses.code')} description={t('warehouses.codeHint')} required maxLength={20} data-testid="warehouse-code" {...form.getInputProps('code')} />
          <TextInput label={t('warehouses.name')} required data-testid="warehouse-name" {...form.getInputProps('name')} />
          <Textarea label={t('warehouses.address')} autosize minRows={2} data-testid="warehouse-address" {...form.getInputProps('address')} />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="warehouse-submit">
              {t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function WarehousesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = useWarehouses();
  const [creating, setCreating] = useState(false);
  const { can } = usePermissions();
  const list = { items: query.data ?? [], isLoading: query.isPending, isFetching: query.isFetching, error: query.error };
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader
        title={t('warehouses.title')}
        subtitle={t('warehouses.subtitle')}
        actions={
          can('warehouses.write') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="warehouses-new">
              {t('warehouses.new')}
            </Button>
          )
        }
      />
      <ListTable
        list={list}
        testId="warehouses-table"
        minWidth={640}
        empty={{ title: t('warehouses.empty'), description: t('warehouses.emptyHint') }}
        head={
          <>
            <Table.Th>{t('warehouses.code')}</Table.Th>
            <Table.Th>{t('warehouses.name')}</Table.Th>
            <Table.Th>{t('warehouses.address')}</Table.Th>
            <Table.Th>{t('inventory.status')}</Table.Th>
            <Table.Th>{t('customers.created')}</Table.Th>
          </>
        }
        row={(warehouse) => (
          <Table.Tr key={warehouse.id} data-testid="warehouse-row" data-code={warehouse.code}>
            <Table.Td ff="monospace" fw={600}>
              {warehouse.code}
            </Table.Td>
            <Table.Td>{warehouse.name}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{warehouse.address ?? '—'}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={warehouse.active ? 'teal' : 'gray'}>
                {warehouse.active ? t('warehouses.active') : t('warehouses.inactive')}
              </Badge>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(warehouse.createdAt, locale)}</Table.Td>
          </Table.Tr>
        )}
      />
      <CreateWarehouseModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
