import { z } from 'zod';
import { Timestamp } from './common.js';
import { Sku } from './catalog.js';

/** The largest quantity one request may move (adjustment, threshold, reservation line). */
export const MAX_QUANTITY = 1_000_000_000;

export const CreateWarehouseRequest = z.strictObject({
  code: z.string().trim().toUpperCase().min(1).max(20).regex(/^[A-Z0-9_-]+$/, 'letters, digits, _ and - only'),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).nullish(),
});
export const Warehouse = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  active: z.boolean(),
  createdAt: Timestamp,
});
export type Warehouse = z.infer<typeof Warehouse>;

export const StockLevel = z.object({
  sku: z.string(),
  productId: z.string(),
  productName: z.string(),
  productNameZh: z.string().nullable(),
  warehouseId: z.string(),
  warehouseCode: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  safetyStock: z.number().int(),
  reorderPoint: z.number().int(),
  belowSafetyStock: z.boolean().describe('available < safetyStock: sales should be warned'),
  belowReorderPoint: z.boolean().describe('available <= reorderPoint (and reorderPoint > 0): time to replenish'),
  updatedAt: Timestamp,
});
export type StockLevel = z.infer<typeof StockLevel>;

export const InventoryQuery = z.strictObject({
  sku: z.string().trim().max(64).optional(),
  warehouseId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

export const ADJUSTMENT_KINDS = ['receipt', 'adjustment', 'return'] as const;
export const AdjustmentRequest = z.strictObject({
  sku: Sku,
  warehouseId: z.string().min(1).max(64),
  quantity: z
    .number()
    .int('must be a whole number')
    .min(-MAX_QUANTITY)
    .max(MAX_QUANTITY)
    .refine((q) => q !== 0, 'must not be 0')
    .describe('Signed change of on hand'),
  reason: z.string().trim().min(1, 'say why the stock changes').max(500),
  kind: z.enum(ADJUSTMENT_KINDS).default('adjustment'),
});
export type AdjustmentRequest = z.infer<typeof AdjustmentRequest>;

export const ThresholdsRequest = z.strictObject({
  sku: Sku,
  warehouseId: z.string().min(1).max(64),
  safetyStock: z.number().int('must be a whole number').min(0).max(MAX_QUANTITY),
  reorderPoint: z.number().int('must be a whole number').min(0).max(MAX_QUANTITY),
});

export const MOVEMENT_KINDS = ['receipt', 'adjustment', 'reservation', 'release', 'shipment', 'return'] as const;
export const Movement = z.object({
  id: z.string(),
  sku: z.string(),
  productId: z.string(),
  warehouseId: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  quantity: z.number().int().describe('Change of on hand'),
  reservedDelta: z.number().int().describe('Change of reserved'),
  reason: z.string().nullable(),
  referenceType: z.string().nullable(),
  referenceId: z.string().nullable(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  createdAt: Timestamp,
});
export type Movement = z.infer<typeof Movement>;
export const MovementQuery = z.strictObject({
  sku: z.string().trim().max(64).optional(),
  warehouseId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

export const ReservationRequest = z.strictObject({
  referenceType: z.string().trim().min(1).max(40).default('manual'),
  referenceId: z.string().trim().min(1).max(64),
  lines: z.array(z.strictObject({ sku: Sku, quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_QUANTITY) })).min(1).max(500),
});
export const Allocation = z.object({
  sku: z.string(),
  warehouseId: z.string(),
  quantity: z.number().int().describe('Units reserved from available stock'),
  backordered: z.number().int().describe('Units reserved beyond available stock (backorder products only); they count in `reserved` and make `available` negative until stock arrives'),
});
export type Allocation = z.infer<typeof Allocation>;
export const Reservation = z.object({
  referenceType: z.string(),
  referenceId: z.string(),
  allocations: z.array(Allocation),
});
export type Reservation = z.infer<typeof Reservation>;
export const ReleaseRequest = z.strictObject({
  referenceType: z.string().trim().min(1).max(40).default('manual'),
  referenceId: z.string().trim().min(1).max(64),
  reason: z.string().trim().max(500).optional(),
});
export type ReservationRequest = z.infer<typeof ReservationRequest>;
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

export const ReleasedAllocation = z.object({ sku: z.string(), warehouseId: z.string(), quantity: z.number().int().describe('Units no longer reserved') });
export const ReleaseResult = z.object({
  referenceType: z.string(),
  referenceId: z.string(),
  released: z.array(ReleasedAllocation).describe('Empty when nothing was reserved any more (releasing twice is harmless)'),
});
export type ReleaseResult = z.infer<typeof ReleaseResult>;

export const RESERVATION_STATUSES = ['active', 'released', 'converted'] as const;
export const ReservationRecord = z.object({
  id: z.string(),
  referenceType: z.string(),
  referenceId: z.string(),
  sku: z.string(),
  productId: z.string(),
  warehouseId: z.string(),
  quantity: z.number().int(),
  backordered: z.number().int(),
  status: z.enum(RESERVATION_STATUSES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ReservationRecord = z.infer<typeof ReservationRecord>;
export const ReservationQuery = z.strictObject({
  referenceType: z.string().trim().min(1).max(40).default('manual'),
  referenceId: z.string().trim().min(1).max(64),
});

export const WarehouseListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
export const LowStockQuery = z.strictObject({
  warehouseId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
