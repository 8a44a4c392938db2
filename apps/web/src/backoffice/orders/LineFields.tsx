import { useState } from 'react';
import { ActionIcon, Badge, Card, Grid, Group, NumberInput, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { Product } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { currencyDigits, formatMoney } from '../../shared/format';
import { IconTrash } from '../../shared/icons';
import { useLocale } from '../../shared/useLocale';
import { productName } from '../products/api';
import { useAvailability, useProductSearch } from './api';

export interface LineValues {
  key: string;
  sku: string | null;
  quantity: number | string;
  /** Major units; empty for the catalog price. */
  unitPrice: number | string;
}

interface LineFieldsProps {
  index: number;
  line: LineValues;
  product: Product | undefined;
  /** Units of the same SKU asked for on earlier lines (they take the stock first). */
  earlier: number;
  currency: string;
  inputProps: (field: keyof LineValues) => GetInputPropsReturnType;
  lineError: React.ReactNode;
  onProduct: (product: Product | undefined) => void;
  onRemove: (() => void) | null;
}

/** One order line: SKU search with live availability, quantity and an optional price. */
export function LineFields({ index, line, product, earlier, currency, inputProps, lineError, onProduct, onRemove }: LineFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const products = useProductSearch(q);
  const options = new Map<string, Product>();
  if (product) options.set(product.sku, product);
  for (const p of products.data ?? []) options.set(p.sku, p);
  const tracked = product?.trackInventory ?? false;
  const availability = useAvailability(tracked && line.sku ? line.sku : null);
  const quantity = Number(line.quantity) || 0;
  const available = availability.data === undefined ? undefined : Math.max(0, availability.data - earlier);
  const short = tracked && available !== undefined && quantity > available;
  const skuProps = inputProps('sku');

  return (
    <Card withBorder radius="md" padding="sm" data-testid="line" data-index={index} data-sku={line.sku ?? ''} style={lineError ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}>
      <Stack gap={6}>
        <Grid gap="sm" align="flex-start">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('orders.form.skuPick')}
              placeholder={t('orders.form.skuPlaceholder')}
              required
              searchable
              nothingFoundMessage={t('orders.form.noProducts')}
              data-testid="line-sku"
              data={[...options.values()].map((p) => ({ value: p.sku, label: `${p.sku} · ${productName(p, locale)}` }))}
              filter={({ options: all }) => all}
              searchValue={search}
              onSearchChange={setSearch}
              value={line.sku}
              error={skuProps.error}
              onChange={(sku) => {
                skuProps.onChange(sku);
                onProduct(sku ? options.get(sku) : undefined);
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 5, sm: 2 }}>
            <NumberInput label={t('orders.quantity')} required min={1} allowDecimal={false} allowNegative={false} data-testid="line-quantity" {...inputProps('quantity')} />
          </Grid.Col>
          <Grid.Col span={{ base: 7, sm: 4 }}>
            <Group gap={6} wrap="nowrap" align="flex-end">
              <NumberInput
                style={{ flex: 1 }}
                label={t('orders.form.priceOverride')}
                placeholder={product ? formatMoney(product.unitPrice, product.currency, locale) : undefined}
                min={0}
                decimalScale={currencyDigits(currency)}
                allowNegative={false}
                data-testid="line-price"
                {...inputProps('unitPrice')}
              />
              {onRemove ? (
                <Tooltip label={t('orders.form.removeLine')} withArrow>
                  <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t('orders.form.removeLine')} onClick={onRemove} data-testid="line-remove">
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              ) : null}
            </Group>
          </Grid.Col>
        </Grid>
        {product ? (
          <Group gap={6} wrap="wrap" data-testid="line-info">
            {tracked ? (
              availability.isPending ? (
                <Text fz="xs" c="dimmed">
                  {t('orders.form.availableLoading')}
                </Text>
              ) : (
                <Badge size="sm" variant="light" color={short ? (product.allowBackorder ? 'orange' : 'red') : 'teal'} data-testid="line-available" data-available={available}>
                  {t('orders.form.available', { count: available ?? 0 })}
                </Badge>
              )
            ) : (
              <Badge size="sm" variant="outline" color="gray" data-testid="line-not-tracked">
                {t('orders.form.notTracked')}
              </Badge>
            )}
            {product.allowBackorder ? (
              <Badge size="sm" variant="light" color="orange" data-testid="line-backorder">
                {t('orders.form.allowsBackorder')}
              </Badge>
            ) : null}
            {product.makeToOrder ? (
              <Badge size="sm" variant="light" color="grape" data-testid="line-mto">
                {t('orders.makeToOrder')}
              </Badge>
            ) : null}
            <Text fz="xs" c="dimmed">
              {t('orders.form.catalogPrice', { price: formatMoney(product.unitPrice, product.currency, locale) })}
            </Text>
          </Group>
        ) : null}
        {short && !product?.allowBackorder ? (
          <Text fz="sm" c="red" data-testid="line-short">
            {t('orders.form.short', { count: available ?? 0 })}
          </Text>
        ) : null}
        {short && product?.allowBackorder ? (
          <Text fz="sm" c="orange.8" data-testid="line-will-backorder">
            {t('orders.form.willBackorder', { count: quantity - (available ?? 0) })}
          </Text>
        ) : null}
        {lineError ? (
          <Text fz="sm" c="red" role="alert" data-testid="line-error">
            {lineError}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
