import { Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { CustomerSummary } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../shared/links';
import { formatDate } from '../../shared/format';
import { IconDownload, IconPlus, IconSearch, IconUpload } from '../../shared/icons';
import { ListTable } from '../../shared/ListTable';
import { PageHeader } from '../../shared/PageHeader';
import { useDebouncedFilter } from '../../shared/useDebouncedFilter';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useStaffUsers } from '../staffUsers';
import { exportUrl, useCustomerList, type CustomerFilters } from './api';
import { TagBadges } from './TagBadges';

const route = getRouteApi('/backoffice/customers/');

export function CustomersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const staff = useStaffUsers();
  const { can } = usePermissions();
  const list = useCustomerList(filters);

  const setFilter = (patch: Partial<CustomerFilters>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const [q, setQ] = useDebouncedFilter(filters.q, (next) => setFilter({ q: next }));
  const [tag, setTag] = useDebouncedFilter(filters.tag, (next) => setFilter({ tag: next }));
  const filtered = !!(filters.q || filters.tag || filters.kind || filters.accountManagerId);

  const open = (customer: CustomerSummary) => void navigate({ to: '/customers/$id', params: { id: customer.id } });

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        actions={
          <>
            {can('customers.import') ? (
              <ButtonLink to="/customers/import" variant="default" leftSection={<IconUpload size={16} />} data-testid="customers-import">
                {t('customers.import')}
              </ButtonLink>
            ) : null}
            {can('customers.write') ? (
              <Button component="a" href={exportUrl(filters)} download variant="default" leftSection={<IconDownload size={16} />} data-testid="customers-export">
                {t('customers.exportCsv')}
              </Button>
            ) : null}
            {can('customers.write') ? (
              <ButtonLink to="/customers/new" leftSection={<IconPlus size={16} />} data-testid="customers-new">
                {t('customers.new')}
              </ButtonLink>
            ) : null}
          </>
        }
      />

      <SimpleGrid cols={{ base: 1, xs: 2, md: staff.available ? 4 : 3 }} spacing="sm">
        <TextInput
          data-testid="customers-search"
          aria-label={t('customers.search')}
          placeholder={t('customers.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          type="search"
        />
        <TextInput
          data-testid="customers-filter-tag"
          aria-label={t('customers.tag')}
          placeholder={t('customers.tagFilter')}
          value={tag}
          onChange={(event) => setTag(event.currentTarget.value)}
        />
        <Select
          data-testid="customers-filter-kind"
          aria-label={t('customers.kind')}
          placeholder={t('customers.allKinds')}
          clearable
          value={filters.kind ?? null}
          onChange={(value) => setFilter({ kind: (value as CustomerFilters['kind']) ?? undefined })}
          data={[
            { value: 'business', label: t('customers.kinds.business') },
            { value: 'individual', label: t('customers.kinds.individual') },
          ]}
        />
        {staff.available ? (
          <Select
            data-testid="customers-filter-manager"
            aria-label={t('customers.accountManager')}
            placeholder={t('customers.allManagers')}
            clearable
            searchable
            value={filters.accountManagerId ?? null}
            onChange={(value) => setFilter({ accountManagerId: value ?? undefined })}
            data={staff.users.map((user) => ({ value: user.id, label: user.name }))}
          />
        ) : null}
      </SimpleGrid>

      <ListTable
        list={list}
        testId="customers-table"
        minWidth={980}
        empty={{
          title: filtered ? t('customers.noMatches') : t('customers.empty'),
          description: filtered ? t('customers.noMatchesHint') : t('customers.emptyHint'),
        }}
        head={
          <>
            <Table.Th>{t('customers.name')}</Table.Th>
            <Table.Th>{t('customers.kind')}</Table.Th>
            <Table.Th>{t('customers.email')}</Table.Th>
            <Table.Th>{t('customers.phone')}</Table.Th>
            <Table.Th>{t('customers.tags')}</Table.Th>
            <Table.Th>{t('customers.accountManager')}</Table.Th>
            <Table.Th>{t('customers.created')}</Table.Th>
          </>
        }
        row={(customer) => (
          <Table.Tr key={customer.id} data-testid="customer-row" data-id={customer.id} onClick={() => open(customer)} style={{ cursor: 'pointer' }}>
            <Table.Td>
              <AnchorLink to="/customers/$id" params={{ id: customer.id }} fw={500} onClick={(e) => e.stopPropagation()}>
                {customer.name}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={customer.kind === 'business' ? 'indigo' : 'grape'} size="sm">
                {t(`customers.kinds.${customer.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" truncate="end" maw={240}>
                {customer.email ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{customer.phone ?? '—'}</Table.Td>
            <Table.Td>
              <TagBadges tags={customer.tags} max={3} />
            </Table.Td>
            <Table.Td fz="sm">{customer.accountManagerName ?? '—'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(customer.createdAt, locale)}</Table.Td>
          </Table.Tr>
        )}
      />
      {list.items.length > 0 ? (
        <Group justify="flex-end">
          <Text fz="xs" c="dimmed" data-testid="customers-count">
            {t('list.shown', { count: list.items.length })}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
