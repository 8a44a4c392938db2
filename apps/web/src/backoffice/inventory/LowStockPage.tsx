import { Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/PageHeader';
import { useLowStock, useWarehouses } from './api';
import { StockTable } from './StockTable';
import { useStockActions } from './useStockActions';

/** Stock at or below its reorder point: what to replenish. */
export function LowStockPage() {
  const { t } = useTranslation();
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const warehouses = useWarehouses();
  const list = useLowStock({ warehouseId: warehouseId ?? undefined });
  const actions = useStockActions();
  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader title={t('inventory.lowStockTitle')} subtitle={t('inventory.lowStockSubtitle')} />
      <Group>
        <Select
          data-testid="low-stock-filter-warehouse"
          aria-label={t('inventory.warehouse')}
          placeholder={t('inventory.allWarehouses')}
          clearable
          value={warehouseId}
          onChange={setWarehouseId}
          data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
          w={320}
          maw="100%"
        />
      </Group>
      <StockTable
        list={list}
        testId="low-stock-table"
        empty={{ title: t('inventory.lowStockEmpty'), description: t('inventory.lowStockEmptyHint') }}
        onAdjust={actions.onAdjust}
        onThresholds={actions.onThresholds}
      />
      {actions.modals}
    </Stack>
  );
}
