import { Button, Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconPlusMinus } from '../../shared/icons';
import { PageHeader } from '../../shared/PageHeader';
import { useStockList, type StockFilters } from './api';
import { StockFilterBar } from './StockFilterBar';
import { StockTable } from './StockTable';
import { usePermissions } from '../permissions';
import { useStockActions } from './useStockActions';

const route = getRouteApi('/backoffice/inventory/');

export function StockPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const list = useStockList(filters);
  const actions = useStockActions();
  const { can } = usePermissions();
  const setFilter = (patch: Partial<StockFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
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
      <StockFilterBar testIdPrefix="stock" filters={filters} onChange={setFilter} />
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
