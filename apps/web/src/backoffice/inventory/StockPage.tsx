import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconPlusMinus, IconSearch } from '../../shared/icons';
import { PageHeader } from '../../shared/PageHeader';
import { useDebouncedFilter } from '../../shared/useDebouncedFilter';
import { useStockList, useWarehouses, type StockFilters } from './api';
import { StockTable } from './StockTable';
import { usePermissions } from '../permissions';
import { useStockActions } from './useStockActions';

const route = getRouteApi('/backoffice/inventory/');

export function StockPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const warehouses = useWarehouses();
  const list = useStockList(filters);
  const actions = useStockActions();
  const { can } = usePermissions();
  const setFilter = (patch: Partial<StockFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const [sku, setSku] = useDebouncedFilter(filters.sku, (next) => setFilter({ sku: next }));
  const filtered = !!(filters.sku || filters.warehouseId);

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('inventory.stockTitle')}
        subtitle={t('inventory.stockSubtitle')}
        actions={
          can('stock.write') && (
            <Button leftSection={<IconPlusMinus size={16} />} onClick={() => actions.adjust({ sku: filters.sku, warehouseId: filters.warehouseId })} data-testid="stock-adjust-new">
              {t('inventory.adjust.title')}
            </Button>
          )
        }
      />
      <Group gap="sm" wrap="wrap">
        <TextInput
          data-testid="stock-filter-sku"
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
          data-testid="stock-filter-warehouse"
          aria-label={t('inventory.warehouse')}
          placeholder={t('inventory.allWarehouses')}
          clearable
          value={filters.warehouseId ?? null}
          onChange={(value) => setFilter({ warehouseId: value ?? undefined })}
          data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
          style={{ flex: '1 1 220px' }}
          maw={320}
        />
      </Group>
      <StockTable
        list={list}
        testId="stock-table"
        empty={{ title: filtered ? t('inventory.noMatches') : t('inventory.empty'), description: t('inventory.emptyHint') }}
        onAdjust={actions.onAdjust}
        onThresholds={actions.onThresholds}
      />
      {actions.modals}
    </Stack>
  );
}
