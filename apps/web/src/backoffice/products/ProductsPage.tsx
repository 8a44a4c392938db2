import { Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../shared/links';
import { formatPercent } from '../../shared/format';
import { IconPlus, IconSearch } from '../../shared/icons';
import { ListTable } from '../../shared/ListTable';
import { Money } from '../../shared/Money';
import { PageHeader } from '../../shared/PageHeader';
import { useDebouncedFilter } from '../../shared/useDebouncedFilter';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { productName, useProductList, type ProductFilters } from './api';
import { ProductFlags } from './ProductFlags';

const route = getRouteApi('/backoffice/products/');

export function ProductsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const list = useProductList(filters);
  const { can } = usePermissions();
  const setFilter = (patch: Partial<ProductFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const [q, setQ] = useDebouncedFilter(filters.q, (next) => setFilter({ q: next }));
  const filtered = !!filters.q || filters.active !== undefined;

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('products.title')}
        subtitle={t('products.subtitle')}
        actions={
          can('products.write') && (
            <ButtonLink to="/products/new" leftSection={<IconPlus size={16} />} data-testid="products-new">
              {t('products.new')}
            </ButtonLink>
          )
        }
      />
      <Group gap="sm" wrap="wrap">
        <TextInput
          data-testid="products-search"
          aria-label={t('products.search')}
          placeholder={t('products.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
          maw={420}
        />
        <SegmentedControl
          data-testid="products-filter-active"
          aria-label={t('products.activeFilter')}
          value={filters.active === undefined ? 'all' : String(filters.active)}
          onChange={(value) => setFilter({ active: value === 'all' ? undefined : value === 'true' })}
          data={[
            { value: 'all', label: t('products.all') },
            { value: 'true', label: t('products.active') },
            { value: 'false', label: t('products.inactive') },
          ]}
        />
      </Group>
      <ListTable
        list={list}
        testId="products-table"
        minWidth={880}
        empty={{
          title: filtered ? t('products.noMatches') : t('products.empty'),
          description: filtered ? t('customers.noMatchesHint') : t('products.emptyHint'),
        }}
        head={
          <>
            <Table.Th>{t('products.sku')}</Table.Th>
            <Table.Th>{t('products.name')}</Table.Th>
            <Table.Th>{t('products.model')}</Table.Th>
            <Table.Th ta="right">{t('products.price')}</Table.Th>
            <Table.Th ta="right">{t('products.taxRate')}</Table.Th>
            <Table.Th>{t('products.flagsTitle')}</Table.Th>
          </>
        }
        row={(product) => (
          <Table.Tr
            key={product.id}
            data-testid="product-row"
            data-sku={product.sku}
            style={{ cursor: 'pointer' }}
            onClick={() => void navigate({ to: '/products/$id', params: { id: product.id } })}
          >
            <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {product.sku}
            </Table.Td>
            <Table.Td>
              <AnchorLink to="/products/$id" params={{ id: product.id }} fw={500} onClick={(e) => e.stopPropagation()}>
                {productName(product, locale)}
              </AnchorLink>
              {productName(product, locale) !== product.name ? (
                <Text fz="xs" c="dimmed">
                  {product.name}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{product.model ?? '—'}</Table.Td>
            <Table.Td ta="right">
              <Money minor={product.unitPrice} currency={product.currency} />
            </Table.Td>
            <Table.Td ta="right">{formatPercent(product.taxRate, locale)}</Table.Td>
            <Table.Td>
              <ProductFlags product={product} />
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
