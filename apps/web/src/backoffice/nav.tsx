import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { StockLevel } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { IconAlertTriangle, IconChartBar, IconClipboardList, IconDashboard, IconHistory, IconInbox, IconPackage, IconStack, IconUsers, IconWarehouse } from '../shared/icons';
import type { NavItem } from '../shared/layout/ShellNav';
import type { CursorPage } from '../shared/useCursorList';
import { inventoryKeys } from './inventory/api';
import { usePlacedCount } from './orders/api';
import { usePermissions } from './permissions';

const COUNT_LIMIT = 200;

/** Number of low-stock rows for the navigation badge ("200+" beyond one page). */
function useLowStockCount(enabled: boolean): string | null {
  const query = useQuery({
    queryKey: [...inventoryKeys.lowStock, 'count'],
    queryFn: () => api.get<CursorPage<StockLevel>>('/api/v1/inventory/low-stock', { query: { limit: COUNT_LIMIT } }),
    refetchInterval: 60_000,
    enabled,
  });
  const n = query.data?.data.length ?? 0;
  if (n === 0) return null;
  return query.data?.nextCursor ? `${n}+` : String(n);
}

/** The back-office navigation for the signed-in user, with the low-stock count. */
export function useBackofficeNav(): NavItem[] {
  const { t } = useTranslation();
  const { role, can } = usePermissions();
  const lowCount = useLowStockCount(!!role);
  const placedCount = usePlacedCount(!!role);
  const items: NavItem[] = [{ to: '/', label: t('nav.dashboard'), icon: <IconDashboard />, exact: true, testId: 'nav-dashboard' }];
  // Every staff role may read orders.
  items.push({
    to: '/orders',
    label: t('nav.orders'),
    icon: <IconClipboardList />,
    testId: 'nav-orders',
    badge: placedCount ? (
      <Badge size="sm" color="blue" variant="filled" data-testid="nav-orders-count" aria-label={t('nav.ordersPlacedCount', { count: placedCount })}>
        {placedCount}
      </Badge>
    ) : undefined,
  });
  if (can('customers.read')) items.push({ to: '/customers', label: t('nav.customers'), icon: <IconUsers />, testId: 'nav-customers' });
  // Products, stock, movements, low stock and warehouses can be read by every staff role.
  items.push({ to: '/products', label: t('nav.products'), icon: <IconPackage />, testId: 'nav-products' });
  items.push({
    label: t('nav.inventory'),
    icon: <IconStack />,
    testId: 'nav-inventory',
    children: [
      { to: '/inventory', label: t('nav.stock'), icon: <IconChartBar size={16} />, testId: 'nav-stock' },
      {
        to: '/inventory/low-stock',
        label: t('nav.lowStock'),
        icon: <IconAlertTriangle size={16} />,
        testId: 'nav-low-stock',
        badge: lowCount ? (
          <Badge size="sm" color="red" variant="filled" data-testid="nav-low-stock-count" aria-label={t('nav.lowStockCount', { count: lowCount })}>
            {lowCount}
          </Badge>
        ) : undefined,
      },
      { to: '/warehouses', label: t('nav.warehouses'), icon: <IconWarehouse size={16} />, testId: 'nav-warehouses' },
    ],
  });
  if (can('fulfilment.queue')) items.push({ to: '/fulfilment', label: t('shipments.nav.queue'), icon: <IconPackage />, testId: 'nav-fulfilment' });
  if (can('messages.read')) items.push({ to: '/messages', label: t('messages.nav'), icon: <IconInbox />, testId: 'nav-messages' });
  if (can('webhooks.read')) items.push({ to: '/webhooks', label: t('webhooks.nav'), icon: <IconHistory />, testId: 'nav-webhooks' });
  return items;
}
