import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../../shared/icons';
import { useDebouncedFilter } from '../../shared/useDebouncedFilter';
import { useWarehouses, type StockFilters } from './api';

interface StockFilterBarProps {
  /** `stock` or `movements`: test ids become `<prefix>-filter-sku` and `<prefix>-filter-warehouse`. */
  testIdPrefix: string;
  filters: StockFilters;
  onChange: (patch: Partial<StockFilters>) => void;
}

/** The SKU (debounced) and warehouse filters shared by the stock and movements pages. */
export function StockFilterBar({ testIdPrefix, filters, onChange }: StockFilterBarProps) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const [sku, setSku] = useDebouncedFilter(filters.sku, (next) => onChange({ sku: next }));
  return (
    <Group gap="sm" wrap="wrap">
      <TextInput
        data-testid={`${testIdPrefix}-filter-sku`}
        aria-label={t('products.sku')}
        placeholder={t('inventory.skuFilter')}
        leftSection={<IconSearch size={16} />}
        type="search"
        value={sku}
        onChange={(event) => setSku(event.currentTarget.value)}
        style={{ flex: '1 1 220px' }}
        maw={360}
      />
      <Select
        data-testid={`${testIdPrefix}-filter-warehouse`}
        aria-label={t('inventory.warehouse')}
        placeholder={t('inventory.allWarehouses')}
        clearable
        value={filters.warehouseId ?? null}
        onChange={(value) => onChange({ warehouseId: value ?? undefined })}
        data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
        style={{ flex: '1 1 220px' }}
        maw={320}
      />
    </Group>
  );
}
