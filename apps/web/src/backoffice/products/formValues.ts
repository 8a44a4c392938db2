import type { CreateProductRequest, Product } from '@ordercare/contracts';
import { fromMinorUnits, toMinorUnits } from '../../shared/format';

/** Form state of the product form; the price is in major units (19.99), sent in minor units (1999). */
export interface ProductFormValues {
  sku: string;
  name: string;
  nameZh: string;
  model: string;
  specification: string;
  specificationZh: string;
  unitPrice: number | string;
  currency: string;
  taxRate: number | string;
  unit: string;
  active: boolean;
  trackInventory: boolean;
  allowBackorder: boolean;
  makeToOrder: boolean;
}

export const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'HKD', 'JPY'];

export function emptyProductValues(): ProductFormValues {
  return {
    sku: '',
    name: '',
    nameZh: '',
    model: '',
    specification: '',
    specificationZh: '',
    unitPrice: '',
    currency: 'CNY',
    taxRate: 13,
    unit: 'pcs',
    active: true,
    trackInventory: true,
    allowBackorder: false,
    makeToOrder: false,
  };
}

export function productToValues(product: Product): ProductFormValues {
  return {
    sku: product.sku,
    name: product.name,
    nameZh: product.nameZh ?? '',
    model: product.model ?? '',
    specification: product.specification ?? '',
    specificationZh: product.specificationZh ?? '',
    unitPrice: fromMinorUnits(product.unitPrice, product.currency),
    currency: product.currency,
    taxRate: product.taxRate,
    unit: product.unit,
    active: product.active,
    trackInventory: product.trackInventory,
    allowBackorder: product.allowBackorder,
    makeToOrder: product.makeToOrder,
  };
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

function toNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.replace(/[,\s]/g, ''));
}

export function valuesToRequest(values: ProductFormValues): CreateProductRequest {
  const currency = values.currency.trim().toUpperCase();
  return {
    sku: values.sku.trim(),
    name: values.name.trim(),
    nameZh: orNull(values.nameZh),
    model: orNull(values.model),
    specification: orNull(values.specification),
    specificationZh: orNull(values.specificationZh),
    unitPrice: toMinorUnits(toNumber(values.unitPrice), currency),
    currency,
    taxRate: toNumber(values.taxRate),
    unit: values.unit.trim(),
    active: values.active,
    trackInventory: values.trackInventory,
    allowBackorder: values.allowBackorder,
    makeToOrder: values.makeToOrder,
  };
}
