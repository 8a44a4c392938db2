import { z } from 'zod';
import { Timestamp } from './common.js';
import { Sku } from './catalog.js';

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
  quantity: z.number().int('must be a whole number').refine((q) => q !== 0, 'must not be 0').describe('Signed change of on hand'),
  reason: z.string().trim().min(1, 'say why the stock changes').max(500),
  kind: z.enum(ADJUSTMENT_KINDS).default('adjustment'),
});
export type AdjustmentRequest = z.infer<typeof AdjustmentRequest>;

export const ThresholdsRequest = z.strictObject({
  sku: Sku,
  warehouseId: z.string().min(1).max(64),
  safetyStock: z.number().int().min(0),
  reorderPoint: z.number().int().min(0),
});

export const MOVEMENT_KINDS = ['receipt', 'adjustment', 'reservation', 'release', 'shipment', 'return'] as const;
export const Movement = z.object({
  id: z.string(),
  sku: z.string(),
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
  lines: z.array(z.strictObject({ sku: Sku, quantity: z.number().int().min(1, 'must be at least 1') })).min(1).max(500),
});
export const Allocation = z.object({ sku: z.string(), warehouseId: z.string(), quantity: z.number().int(), backordered: z.number().int() });
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
