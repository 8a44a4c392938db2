import { z } from 'zod';
import { Timestamp } from './common.js';

export const Currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY or EUR');
export const MinorUnits = z.number().int('must be a whole number of minor units (1999 = 19.99)').min(0).max(1_000_000_000_000);
export const Sku = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits, ".", "_", "/" and "-" only');

const productFields = {
  sku: Sku,
  name: z.string().trim().min(1).max(200),
  nameZh: z.string().trim().min(1).max(200).nullish(),
  model: z.string().trim().max(100).nullish(),
  specification: z.string().trim().max(2000).nullish(),
  specificationZh: z.string().trim().max(2000).nullish(),
  unitPrice: MinorUnits,
  currency: Currency,
  taxRate: z.number().min(0).max(100).multipleOf(0.01).describe('Percent, e.g. 13 for 13 %'),
  unit: z.string().trim().min(1).max(20),
  active: z.boolean(),
  trackInventory: z.boolean(),
  allowBackorder: z.boolean(),
  makeToOrder: z.boolean(),
};

export const CreateProductRequest = z.strictObject({
  ...productFields,
  taxRate: productFields.taxRate.default(0),
  unit: productFields.unit.default('pcs'),
  active: productFields.active.default(true),
  trackInventory: productFields.trackInventory.default(true),
  allowBackorder: productFields.allowBackorder.default(false),
  makeToOrder: productFields.makeToOrder.default(false),
});
export type CreateProductRequest = z.infer<typeof CreateProductRequest>;
export const UpdateProductRequest = z.strictObject(productFields).partial();
export type UpdateProductRequest = z.infer<typeof UpdateProductRequest>;

export const Product = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  model: z.string().nullable(),
  specification: z.string().nullable(),
  specificationZh: z.string().nullable(),
  unitPrice: z.number().int(),
  currency: z.string(),
  taxRate: z.number(),
  unit: z.string(),
  active: z.boolean(),
  trackInventory: z.boolean(),
  allowBackorder: z.boolean(),
  makeToOrder: z.boolean(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Product = z.infer<typeof Product>;

export const ProductListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('SKU prefix or words of the name/model'),
  sku: z.string().trim().max(64).optional().describe('Exact SKU (case-sensitive): the answer holds that product or nothing'),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

/** `If-Match: "<version>"` on PATCH /products/{id}: missing → 428, stale → 412. */
export const ProductIfMatchHeaders = z.object({
  'if-match': z.string().max(40).optional().describe('The product version you edited, as "3" (from `version` or the ETag of GET /products/{id})'),
});
