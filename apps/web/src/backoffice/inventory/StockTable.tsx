import { productName } from '../products/api';
import { ActionIcon, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { StockLevel } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { IconAdjust, IconHistory } from '../../shared/icons';
import { AnchorLink } from '../../shared/links';
import { ListTable, type ListState } from '../../shared/ListTable';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { stockColor, StockStatus } from './StockStatus';

interface StockTableProps {
  list: ListState<StockLevel>;
  testId: string;
  empty: { title: string; description?: string };
  onAdjust: (level: StockLevel) => void;
  onThresholds: (level: StockLevel) => void;
  /** Hide the product column (on a product's own page). */
  hideProduct?: boolean;
}

/** Stock per SKU and warehouse with its warnings and the row actions. */
export function StockTable({ list, testId, empty, onAdjust, onThresholds, hideProduct }: StockTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const num = (n: number) => formatNumber(n, locale);
  const canWrite = usePermissions().can('stock.write');
  return (
    <ListTable
      list={list}
      testId={testId}
      minWidth={hideProduct ? 620 : 860}
      empty={empty}
      head={
        <>
          {hideProduct ? null : <Table.Th>{t('inventory.product')}</Table.Th>}
          <Table.Th>{t('inventory.warehouse')}</Table.Th>
          <Table.Th ta="right">{t('inventory.onHand')}</Table.Th>
          <Table.Th ta="right">{t('inventory.reserved')}</Table.Th>
          <Table.Th ta="right">{t('inventory.available')}</Table.Th>
          <Table.Th ta="right">{t('inventory.safetyStock')}</Table.Th>
          <Table.Th ta="right">{t('inventory.reorderPoint')}</Table.Th>
          <Table.Th ta="right">{t('inventory.actions')}</Table.Th>
        </>
      }
      row={(level) => (
        <Table.Tr key={`${level.sku}@${level.warehouseId}`} data-testid="stock-row" data-sku={level.sku} data-warehouse={level.warehouseCode}>
          {hideProduct ? null : (
            <Table.Td maw={280}>
              <AnchorLink to="/products/$id" params={{ id: level.productId }} ff="monospace" fz="sm" fw={500}>
                {level.sku}
              </AnchorLink>
              <Text fz="xs" c="dimmed" lineClamp={2}>
                {productName({ name: level.productName, nameZh: level.productNameZh }, locale)}
              </Text>
            </Table.Td>
          )}
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{level.warehouseCode}</Table.Td>
          <Table.Td ta="right" data-testid="stock-on-hand">
            {num(level.onHand)}
          </Table.Td>
          <Table.Td ta="right" data-testid="stock-reserved">
            {num(level.reserved)}
          </Table.Td>
          <Table.Td ta="right">
            <Stack gap={2} align="flex-end">
              <Text span fw={700} c={stockColor(level)} data-testid="stock-available">
                {num(level.available)}
              </Text>
              <StockStatus level={level} />
            </Stack>
          </Table.Td>
          <Table.Td ta="right">{num(level.safetyStock)}</Table.Td>
          <Table.Td ta="right">{num(level.reorderPoint)}</Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap" justify="flex-end">
              {canWrite ? (
                <>
                  <Button size="compact-xs" variant="light" onClick={() => onAdjust(level)} data-testid="stock-adjust">
                    {t('inventory.adjustAction')}
                  </Button>
                  <Tooltip label={t('inventory.thresholds.title')} withArrow>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('inventory.thresholds.title')}
                      onClick={() => onThresholds(level)}
                      data-testid="stock-thresholds"
                    >
                      <IconAdjust size={16} />
                    </ActionIcon>
                  </Tooltip>
                </>
              ) : null}
              <Tooltip label={t('inventory.movementsTitle')} withArrow>
                <AnchorLink
                  to="/inventory/movements"
                  search={{ sku: level.sku, warehouseId: level.warehouseId }}
                  aria-label={t('inventory.movementsTitle')}
                  data-testid="stock-movements"
                  display="inline-flex"
                  p={4}
                >
                  <IconHistory size={16} />
                </AnchorLink>
              </Tooltip>
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
