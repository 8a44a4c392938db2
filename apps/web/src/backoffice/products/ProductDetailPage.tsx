import { Button, Card, Center, DataList, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { Product } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { ButtonLink, BackLink } from '../../shared/links';
import { Field } from '../../shared/Field';
import { formatDateTime, formatPercent } from '../../shared/format';
import { IconEdit, IconHistory, IconPlusMinus } from '../../shared/icons';
import { Money } from '../../shared/Money';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { useStockList } from '../inventory/api';
import { usePermissions } from '../permissions';
import { useStockActions } from '../inventory/useStockActions';
import { StockTable } from '../inventory/StockTable';
import { productName, useProduct } from './api';
import { ProductFlags } from './ProductFlags';

const route = getRouteApi('/backoffice/products/$id');

function Details({ product }: { product: Product }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = (value: string | null) => (value ? <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{value}</Text> : null);
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="product-details">
      <DataList labelWidth={150} withDivider>
        <Field label={t('products.sku')} testId="product-sku">
          <Text ff="monospace" fz="sm" span>
            {product.sku}
          </Text>
        </Field>
        <Field label={t('products.nameEn')}>{product.name}</Field>
        <Field label={t('products.nameZh')}>{product.nameZh}</Field>
        <Field label={t('products.model')}>{product.model}</Field>
        <Field label={t('products.price')} testId="product-price">
          <Money minor={product.unitPrice} currency={product.currency} />
        </Field>
        <Field label={t('products.taxRate')}>{formatPercent(product.taxRate, locale)}</Field>
        <Field label={t('products.unit')}>{product.unit}</Field>
        <Field label={t('products.specificationEn')}>{text(product.specification)}</Field>
        <Field label={t('products.specificationZh')}>{text(product.specificationZh)}</Field>
        <Field label={t('products.options.trackInventory')}>{product.trackInventory ? t('form.yes') : t('form.no')}</Field>
        <Field label={t('products.options.allowBackorder')}>{product.allowBackorder ? t('form.yes') : t('form.no')}</Field>
        <Field label={t('products.options.makeToOrder')}>{product.makeToOrder ? t('form.yes') : t('form.no')}</Field>
        <Field label={t('customers.updated')}>{formatDateTime(product.updatedAt, locale)}</Field>
      </DataList>
    </Card>
  );
}

function ProductStock({ product }: { product: Product }) {
  const { t } = useTranslation();
  const stock = useStockList({ sku: product.sku });
  const actions = useStockActions();
  const { can } = usePermissions();
  // `?sku=` may match by prefix: keep this product's rows only.
  const list = { ...stock, items: stock.items.filter((level) => level.sku === product.sku) };
  return (
    <Stack gap="sm" data-testid="product-stock">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} fz="lg">
          {t('products.stockTitle')}
        </Title>
        <Group gap="xs">
          <ButtonLink
            size="xs"
            variant="default"
            to="/inventory/movements"
            search={{ sku: product.sku }}
            leftSection={<IconHistory size={14} />}
            data-testid="product-movements"
          >
            {t('inventory.movementsTitle')}
          </ButtonLink>
          {can('stock.write') && product.trackInventory ? (
            <Button size="xs" leftSection={<IconPlusMinus size={14} />} onClick={() => actions.adjust({ sku: product.sku })} data-testid="product-adjust">
              {t('inventory.adjust.title')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {product.trackInventory ? null : (
        <Text fz="sm" c="dimmed">
          {t('products.notTrackedHint')}
        </Text>
      )}
      <StockTable
        list={list}
        testId="product-stock-table"
        hideProduct
        empty={{ title: t('products.noStock'), description: t('inventory.emptyHint') }}
        onAdjust={actions.onAdjust}
        onThresholds={actions.onThresholds}
      />
      {actions.modals}
    </Stack>
  );
}

export function ProductDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = route.useParams();
  const product = useProduct(id);
  const { can } = usePermissions();
  if (product.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!product.data) {
    return (
      <Stack maw={960}>
        <PageHeader title={t('products.title')} back={<BackLink to="/products">{t('products.title')}</BackLink>} />
        <ProblemAlert error={product.error} />
      </Stack>
    );
  }
  const p = product.data;
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={productName(p, locale)}
        testId="product-title"
        subtitle={<ProductFlags product={p} />}
        back={<BackLink to="/products">{t('products.title')}</BackLink>}
        actions={
          can('products.write') && (
            <ButtonLink to="/products/$id/edit" params={{ id }} leftSection={<IconEdit size={16} />} data-testid="product-edit">
              {t('form.edit')}
            </ButtonLink>
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, xl: 5 }}>
          <Details product={p} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 7 }}>
          <ProductStock product={p} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
