import { useEffect, useState } from 'react';
import { Autocomplete, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { ADJUSTMENT_KINDS, type AdjustmentRequest } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatSigned } from '../../shared/format';
import { applyFieldErrors, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { productName, useProductList } from '../products/api';
import { useAdjustStock, useWarehouses } from './api';

export interface AdjustTarget {
  sku?: string;
  warehouseId?: string;
  /** Shown as context ("Available now: 12"). */
  available?: number;
}

interface AdjustValues {
  sku: string;
  warehouseId: string | null;
  quantity: number | string;
  kind: AdjustmentRequest['kind'];
  reason: string;
}

/** SKU input suggesting products as you type. */
function SkuInput(props: { value?: string; onChange: (v: string) => void; error?: React.ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [q] = useDebouncedValue((props.value ?? '').trim(), 250);
  const products = useProductList({ q: q || undefined });
  return (
    <Autocomplete
      label={t('products.sku')}
      required
      data-testid="adjust-sku"
      data={products.items.map((p) => ({ value: p.sku, label: `${p.sku} · ${productName(p, locale)}` }))}
      filter={({ options }) => options}
      {...props}
    />
  );
}

export function AdjustmentModal({ target, onClose }: { target: AdjustTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const warehouses = useWarehouses();
  const adjust = useAdjustStock();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const form = useForm<AdjustValues>({
    mode: 'controlled',
    initialValues: { sku: '', warehouseId: null, quantity: '', kind: 'receipt', reason: '' },
    validate: {
      sku: (v) => (v.trim() ? null : t('form.required')),
      warehouseId: (v) => (v ? null : t('form.required')),
      quantity: (v) => (v === '' || Number(v) === 0 ? t('inventory.adjust.quantityRequired') : null),
      reason: (v) => (v.trim() ? null : t('form.required')),
    },
  });
  const opened = target !== null;
  useEffect(() => {
    if (!target) return;
    adjust.reset();
    setUnmatched([]);
    const onlyWarehouse = warehouses.data?.length === 1 ? warehouses.data[0]?.id : undefined;
    form.setValues({ sku: target.sku ?? '', warehouseId: target.warehouseId ?? onlyWarehouse ?? null, quantity: '', kind: 'receipt', reason: '' });
    form.resetDirty();
    form.clearErrors();
  }, [target]); // reset whenever the modal opens for a row

  const submit = form.onSubmit((values) => {
    setUnmatched([]);
    adjust.mutate(
      { sku: values.sku.trim(), warehouseId: values.warehouseId ?? '', quantity: Number(values.quantity), kind: values.kind, reason: values.reason.trim() },
      { onSuccess: onClose, onError: (error) => setUnmatched(applyFieldErrors(form, error)) },
    );
  });
  const quantity = Number(form.getValues().quantity) || 0;

  return (
    <Modal opened={opened} onClose={onClose} title={t('inventory.adjust.title')} centered data-testid="adjust-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={adjust.error} fieldErrors={unmatched} title={t('inventory.adjust.failed')} testId="adjust-error" />
          <Select
            label={t('inventory.warehouse')}
            required
            allowDeselect={false}
            data-testid="adjust-warehouse"
            data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
            {...form.getInputProps('warehouseId')}
          />
          <SkuInput {...form.getInputProps('sku')} />
          <Select
            label={t('inventory.adjust.kind')}
            allowDeselect={false}
            data-testid="adjust-kind"
            data={ADJUSTMENT_KINDS.map((kind) => ({ value: kind, label: t(`inventory.kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          <NumberInput
            label={t('inventory.adjust.quantity')}
            description={t('inventory.adjust.quantityHint')}
            required
            allowDecimal={false}
            allowNegative
            data-testid="adjust-quantity"
            {...form.getInputProps('quantity')}
          />
          {target?.available !== undefined && quantity !== 0 ? (
            <Text fz="sm" c="dimmed" data-testid="adjust-preview">
              {t('inventory.adjust.preview', {
                available: target.available,
                change: formatSigned(quantity, locale),
                after: target.available + quantity,
              })}
            </Text>
          ) : null}
          <TextInput label={t('inventory.adjust.reason')} required data-testid="adjust-reason" {...form.getInputProps('reason')} />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={adjust.isPending} data-testid="adjust-submit">
              {t('inventory.adjust.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
