import { ActionIcon, Badge, Button, Card, Center, Collapse, Group, Loader, SimpleGrid, Stack, Switch, Table, Text, Select } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { DateInput } from '@mantine/dates';
import { getRouteApi } from '@tanstack/react-router';
import { ORDER_PRIORITIES, ORDER_STATUSES, type OrderSummary } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format';
import { IconPlus } from '../../shared/icons';
import { AnchorLink, ButtonLink } from '../../shared/links';
import { ListTable } from '../../shared/ListTable';
import { ProblemAlert } from '../../shared/ProblemAlert';
import type { CursorList } from '../../shared/useCursorList';
import { Money } from '../../shared/Money';
import { PageHeader } from '../../shared/PageHeader';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useOrderList, type OrderFilters } from './api';
import { CustomerPicker } from './CustomerPicker';
import { SaveViewModal } from './SaveViewModal';
import { queryToFilters, useDeleteSavedView, useSavedViews } from './savedViews';
import { PriorityBadge, StatusBadge } from '../../shared/orders/OrderBadges';

const route = getRouteApi('/backoffice/orders/');

/** Built-in saved views: each sets the whole filter (so the URL can be bookmarked). */
export const ORDER_VIEWS = {
  all: {},
  needsConfirmation: { status: 'placed' },
  overdue: { overdue: true, sort: 'priority' },
  urgent: { priority: 'urgent' },
  onHold: { status: 'on_hold' },
  inProduction: { status: 'in_production' },
  readyToShip: { status: 'ready_to_ship' },
} as const satisfies Record<string, OrderFilters>;

type ViewKey = keyof typeof ORDER_VIEWS;

function same(a: OrderFilters, b: OrderFilters): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof OrderFilters>;
  return [...keys].every((k) => (a[k] ?? undefined) === (b[k] ?? undefined));
}

/** The due date: promised, else requested; red when overdue. */
function DueDate({ order }: { order: OrderSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap={0} data-testid="order-due" data-overdue={order.overdue}>
      <Text fz="sm" c={order.overdue && !order.promisedDeliveryDate ? 'red' : undefined} fw={order.overdue ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatDate(order.requestedDeliveryDate, locale)}
      </Text>
      {order.promisedDeliveryDate ? (
        <Text fz="xs" c={order.overdue ? 'red' : 'dimmed'} fw={order.overdue ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
          {formatDate(order.promisedDeliveryDate, locale)}
        </Text>
      ) : null}
      {order.overdue ? (
        <Text fz="xs" c="red" fw={600}>
          {t('orders.overdue')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Phones: one card per order instead of a wide table. */
function OrderCards({ list, empty, onOpen }: { list: CursorList<OrderSummary>; empty: { title: string; description: string }; onOpen: (order: OrderSummary) => void }) {
  const { t } = useTranslation();
  if (list.isLoading) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (list.error && list.items.length === 0) return <ProblemAlert error={list.error} />;
  if (list.items.length === 0) {
    return (
      <Card withBorder radius="lg" padding="lg" data-testid="orders-table-empty">
        <Text fw={600}>{empty.title}</Text>
        <Text fz="sm" c="dimmed">
          {empty.description}
        </Text>
      </Card>
    );
  }
  return (
    <Stack gap="xs" data-testid="orders-cards" style={{ opacity: list.isFetching && !list.loadingMore ? 0.6 : 1 }}>
      {list.items.map((order) => (
        <Card
          key={order.id}
          withBorder
          radius="md"
          padding="sm"
          onClick={() => onOpen(order)}
          style={{ cursor: 'pointer' }}
          data-testid="order-row"
          data-id={order.id}
          data-number={order.number}
          data-status={order.status}
        >
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <AnchorLink to="/orders/$id" params={{ id: order.id }} ff="monospace" fz="sm" fw={600} onClick={(e) => e.stopPropagation()}>
                {order.number}
              </AnchorLink>
              <StatusBadge status={order.status} />
            </Group>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fz="sm" truncate="end">
                {order.customerName}
              </Text>
              <Text fz="sm" fw={600} data-testid="order-total">
                <Money minor={order.total} currency={order.currency} />
              </Text>
            </Group>
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <DueDate order={order} />
              <PriorityBadge priority={order.priority} />
            </Group>
          </Stack>
        </Card>
      ))}
      {list.hasMore ? (
        <Button variant="subtle" onClick={list.loadMore} loading={list.loadingMore} data-testid="orders-table-more">
          {t('list.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}

export function OrdersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const { can } = usePermissions();
  const list = useOrderList(filters);

  const setFilter = (patch: Partial<OrderFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setView = (view: ViewKey) => void navigate({ search: () => ({ ...ORDER_VIEWS[view] }), replace: true });
  const activeView = (Object.keys(ORDER_VIEWS) as ViewKey[]).find((key) => same(filters, ORDER_VIEWS[key]));
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== 'priority');
  const phone = useMediaQuery('(max-width: 48em)');
  const [filtersOpen, filtersToggle] = useDisclosure(false);
  const [saveOpen, saveToggle] = useDisclosure(false);
  const savedViews = useSavedViews('orders');
  const deleteView = useDeleteSavedView('orders');
  const applySaved = (query: Record<string, string>) => void navigate({ search: () => queryToFilters(query), replace: true });
  const activeFilters = (['status', 'priority', 'customerId', 'from', 'to', 'overdue'] as const).filter((k) => filters[k] !== undefined).length;
  const open = (order: OrderSummary) => void navigate({ to: '/orders/$id', params: { id: order.id } });
  const empty = {
    title: filtered ? t('orders.noMatches') : t('orders.empty'),
    description: filtered ? t('orders.noMatchesHint') : t('orders.emptyHint'),
  };

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('orders.title')}
        subtitle={t('orders.subtitle')}
        actions={
          can('orders.place') ? (
            <ButtonLink to="/orders/new" leftSection={<IconPlus size={16} />} data-testid="orders-new">
              {t('orders.new')}
            </ButtonLink>
          ) : null
        }
      />

      <Group gap={6} wrap="wrap" role="group" aria-label={t('orders.views.label')} data-testid="orders-views">
        {(Object.keys(ORDER_VIEWS) as ViewKey[]).map((key) => (
          <Button
            key={key}
            size="compact-sm"
            radius="xl"
            variant={activeView === key ? 'filled' : 'default'}
            aria-pressed={activeView === key}
            onClick={() => setView(key)}
            data-testid={`orders-view-${key}`}
            data-active={activeView === key}
          >
            {t(`orders.views.${key}`)}
          </Button>
        ))}
        {(savedViews.data?.items ?? []).map((view) => {
          const active = same(filters, queryToFilters(view.query));
          return (
            <Group key={view.id} gap={1} wrap="nowrap" data-testid="orders-saved-view" data-name={view.name} data-active={active}>
              <Button size="compact-sm" radius="xl" variant={active ? 'filled' : 'light'} aria-pressed={active} onClick={() => applySaved(view.query)} data-testid="orders-saved-view-apply" style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}>
                {view.name}
              </Button>
              <ActionIcon
                size={26}
                radius="xl"
                style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0 }}
                variant={active ? 'filled' : 'light'}
                aria-label={t('orders.savedViews.remove', { name: view.name })}
                loading={deleteView.isPending && deleteView.variables === view.id}
                onClick={() => deleteView.mutate(view.id)}
                data-testid="orders-saved-view-remove"
              >
                ×
              </ActionIcon>
            </Group>
          );
        })}
        <Button size="compact-sm" radius="xl" variant="subtle" onClick={saveToggle.open} data-testid="orders-save-view">
          {t('orders.savedViews.saveButton')}
        </Button>
      </Group>
      {saveOpen ? <SaveViewModal opened onClose={saveToggle.close} filters={filters} /> : null}

      {phone ? (
        <Button variant="default" onClick={filtersToggle.toggle} data-testid="orders-filters-toggle" rightSection={activeFilters ? <Badge size="sm" circle>{activeFilters}</Badge> : null}>
          {t('orders.filters')}
        </Button>
      ) : null}
      <Collapse expanded={!phone || filtersOpen}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
          <Select
            data-testid="orders-filter-status"
            aria-label={t('orders.status')}
            placeholder={t('orders.allStatuses')}
            clearable
            value={filters.status ?? null}
            onChange={(value) => setFilter({ status: (value as OrderFilters['status']) ?? undefined })}
            data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
          />
          <Select
            data-testid="orders-filter-priority"
            aria-label={t('orders.priority')}
            placeholder={t('orders.allPriorities')}
            clearable
            value={filters.priority ?? null}
            onChange={(value) => setFilter({ priority: (value as OrderFilters['priority']) ?? undefined })}
            data={ORDER_PRIORITIES.map((p) => ({ value: p, label: t(`orders.priorities.${p}`) }))}
          />
          <CustomerPicker
            data-testid="orders-filter-customer"
            aria-label={t('orders.customer')}
            placeholder={t('orders.allCustomers')}
            value={filters.customerId ?? null}
            onChange={(id) => setFilter({ customerId: id ?? undefined })}
          />
          <DateInput
            data-testid="orders-filter-from"
            aria-label={t('orders.from')}
            placeholder={t('orders.from')}
            valueFormat="YYYY-MM-DD"
            clearable
            value={filters.from ?? null}
            onChange={(value) => setFilter({ from: value || undefined })}
          />
          <DateInput
            data-testid="orders-filter-to"
            aria-label={t('orders.to')}
            placeholder={t('orders.to')}
            valueFormat="YYYY-MM-DD"
            clearable
            value={filters.to ?? null}
            onChange={(value) => setFilter({ to: value || undefined })}
          />
          <Stack gap={6} justify="center">
            <Switch
              data-testid="orders-filter-overdue"
              label={t('orders.overdueOnly')}
              checked={!!filters.overdue}
              onChange={(event) => setFilter({ overdue: event.currentTarget.checked || undefined })}
            />
            <Switch
              data-testid="orders-sort-priority"
              label={t('orders.sortPriority')}
              checked={filters.sort === 'priority'}
              onChange={(event) => setFilter({ sort: event.currentTarget.checked ? 'priority' : undefined })}
            />
          </Stack>
        </SimpleGrid>
      </Collapse>

      {phone ? (
        <OrderCards list={list} empty={empty} onOpen={open} />
      ) : (
        <ListTable
          list={list}
          testId="orders-table"
          minWidth={900}
          empty={{
            ...empty,
            action: filtered ? (
              <Button variant="default" size="xs" onClick={() => setView('all')} data-testid="orders-clear">
                {t('orders.clearFilters')}
              </Button>
            ) : undefined,
          }}
          head={
            <>
              <Table.Th>{t('orders.number')}</Table.Th>
              <Table.Th>{t('orders.customer')}</Table.Th>
              <Table.Th>{t('orders.status')}</Table.Th>
              <Table.Th>{t('orders.priority')}</Table.Th>
              <Table.Th ta="right">{t('orders.total')}</Table.Th>
              <Table.Th>{t('orders.due')}</Table.Th>
              <Table.Th>{t('orders.created')}</Table.Th>
            </>
          }
          row={(order) => (
            <Table.Tr
              key={order.id}
              data-testid="order-row"
              data-id={order.id}
              data-number={order.number}
              data-status={order.status}
              onClick={() => open(order)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <AnchorLink to="/orders/$id" params={{ id: order.id }} ff="monospace" fz="sm" fw={600} onClick={(e) => e.stopPropagation()}>
                  {order.number}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" lineClamp={2} maw={240}>
                  {order.customerName}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={order.status} />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={order.priority} />
              </Table.Td>
              <Table.Td ta="right" fw={500} data-testid="order-total">
                <Money minor={order.total} currency={order.currency} />
              </Table.Td>
              <Table.Td>
                <DueDate order={order} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} fz="sm">
                {formatDate(order.createdAt, locale)}
              </Table.Td>
            </Table.Tr>
          )}
        />
      )}
      {list.items.length > 0 ? (
        <Group justify="flex-end">
          <Text fz="xs" c="dimmed" data-testid="orders-count">
            {t('list.shown', { count: list.items.length })}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
