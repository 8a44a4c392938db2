import { useEffect, useState } from 'react';
import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { StockLevel } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useSetThresholds } from './api';

interface ThresholdValues {
  safetyStock: number | string;
  reorderPoint: number | string;
}

/** Safety stock and reorder point of one SKU in one warehouse. */
export function ThresholdsModal({ level, onClose }: { level: StockLevel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSetThresholds();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const nonNegative = (v: number | string) => (v === '' || Number(v) < 0 ? t('inventory.thresholds.nonNegative') : null);
  const form = useForm<ThresholdValues>({
    mode: 'controlled',
    initialValues: { safetyStock: 0, reorderPoint: 0 },
    validate: { safetyStock: nonNegative, reorderPoint: nonNegative },
  });
  useEffect(() => {
    if (!level) return;
    save.reset();
    setUnmatched([]);
    form.setValues({ safetyStock: level.safetyStock, reorderPoint: level.reorderPoint });
    form.clearErrors();
  }, [level]); // reset whenever the modal opens for a row

  const submit = form.onSubmit((values) => {
    if (!level) return;
    save.mutate(
      { sku: level.sku, warehouseId: level.warehouseId, safetyStock: Number(values.safetyStock), reorderPoint: Number(values.reorderPoint) },
      { onSuccess: onClose, onError: (error) => setUnmatched(applyFieldErrors(form, error)) },
    );
  });

  return (
    <Modal opened={level !== null} onClose={onClose} title={t('inventory.thresholds.title')} centered data-testid="thresholds-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {level ? (
            <Text fz="sm" c="dimmed">
              {level.sku} · {level.warehouseCode}
            </Text>
          ) : null}
          <ProblemAlert error={save.error} fieldErrors={unmatched} testId="thresholds-error" />
          <NumberInput
            label={t('inventory.safetyStock')}
            description={t('inventory.thresholds.safetyHint')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            data-testid="thresholds-safety"
            {...form.getInputProps('safetyStock')}
          />
          <NumberInput
            label={t('inventory.reorderPoint')}
            description={t('inventory.thresholds.reorderHint')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            data-testid="thresholds-reorder"
            {...form.getInputProps('reorderPoint')}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="thresholds-submit">
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
