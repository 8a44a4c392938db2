import { Badge, Group } from '@mantine/core';
import type { Product } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';

/** Badges for the flags that change how a product is sold: inactive, backorder, make-to-order, not tracked. */
export function ProductFlags({ product }: { product: Pick<Product, 'active' | 'allowBackorder' | 'makeToOrder' | 'trackInventory'> }) {
  const { t } = useTranslation();
  const flags = [
    !product.active && { key: 'inactive', color: 'gray', label: t('products.flags.inactive') },
    product.allowBackorder && { key: 'backorder', color: 'blue', label: t('products.flags.backorder') },
    product.makeToOrder && { key: 'mto', color: 'violet', label: t('products.flags.makeToOrder') },
    !product.trackInventory && { key: 'untracked', color: 'yellow', label: t('products.flags.notTracked') },
  ].filter((flag) => !!flag);
  if (flags.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {flags.map((flag) => (
        <Badge key={flag.key} size="sm" variant="light" color={flag.color} data-testid={`flag-${flag.key}`}>
          {flag.label}
        </Badge>
      ))}
    </Group>
  );
}
