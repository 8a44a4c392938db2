import { Badge, Stack, Table, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { Movement } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../shared/links';
import { formatDateTime, formatSigned } from '../../shared/format';
import { ListTable } from '../../shared/ListTable';
import { PageHeader } from '../../shared/PageHeader';
import { useLocale } from '../../shared/useLocale';
import { useStaffUsers } from '../staffUsers';
import { useMovements, useWarehouses, type StockFilters } from './api';
import { StockFilterBar } from './StockFilterBar';

const route = getRouteApi('/backoffice/inventory/movements');

const KIND_COLORS: Record<Movement['kind'], string> = {
  receipt: 'teal',
  adjustment: 'yellow',
  reservation: 'blue',
  release: 'cyan',
  shipment: 'violet',
  return: 'orange',
};

function Signed({ value, testId }: { value: number; testId: string }) {
  const locale = useLocale();
  return (
    <Text span fz="sm" fw={value === 0 ? 400 : 600} c={value > 0 ? 'teal.8' : value < 0 ? 'red.7' : 'dimmed'} data-testid={testId}>
      {formatSigned(value, locale)}
    </Text>
  );
}

/** The append-only ledger of stock changes, newest first. */
export function MovementsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const warehouses = useWarehouses();
  const staff = useStaffUsers();
  const list = useMovements(filters);
  const setFilter = (patch: Partial<StockFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const warehouseCode = (id: string) => warehouses.data?.find((w) => w.id === id)?.code ?? id;
  const actorName = (actor: Movement['actor']) =>
    actor.type === 'user'
      ? staff.nameOf(actor.id)
      : actor.type === 'api_key'
        ? t('timeline.actors.apiKey')
        : actor.type === 'system'
          ? t('timeline.actors.system')
          : actor.type;

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('inventory.movementsTitle')}
        subtitle={t('inventory.movementsSubtitle')}
        back={<BackLink to="/inventory" search={{ sku: filters.sku, warehouseId: filters.warehouseId }}>{t('inventory.stockTitle')}</BackLink>}
      />
      <StockFilterBar testIdPrefix="movements" filters={filters} onChange={setFilter} />
      <ListTable
        list={list}
        testId="movements-table"
        minWidth={900}
        empty={{ title: t('inventory.noMovements'), description: t('inventory.noMovementsHint') }}
        head={
          <>
            <Table.Th>{t('inventory.time')}</Table.Th>
            <Table.Th>{t('products.sku')}</Table.Th>
            <Table.Th>{t('inventory.warehouse')}</Table.Th>
            <Table.Th>{t('inventory.kind')}</Table.Th>
            <Table.Th ta="right">{t('inventory.quantity')}</Table.Th>
            <Table.Th ta="right">{t('inventory.reservedDelta')}</Table.Th>
            <Table.Th>{t('inventory.reasonAndReference')}</Table.Th>
            <Table.Th>{t('inventory.actor')}</Table.Th>
          </>
        }
        row={(movement) => (
          <Table.Tr key={movement.id} data-testid="movement-row" data-kind={movement.kind}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(movement.createdAt, locale)}</Table.Td>
            <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {movement.sku}
            </Table.Td>
            <Table.Td>{warehouseCode(movement.warehouseId)}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={KIND_COLORS[movement.kind]}>
                {t(`inventory.kinds.${movement.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">
              <Signed value={movement.quantity} testId="movement-quantity" />
            </Table.Td>
            <Table.Td ta="right">
              <Signed value={movement.reservedDelta} testId="movement-reserved" />
            </Table.Td>
            <Table.Td>
              <Text fz="sm" data-testid="movement-reason">
                {movement.reason ?? '—'}
              </Text>
              {movement.referenceType ? (
                <Text fz="xs" c="dimmed" data-testid="movement-reference">
                  {`${movement.referenceType} ${movement.referenceId ?? ''}`.trim()}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {actorName(movement.actor)}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
