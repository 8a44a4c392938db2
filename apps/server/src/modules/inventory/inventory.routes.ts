import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AdjustmentRequest,
  CreateWarehouseRequest,
  IdempotencyHeaders,
  InventoryQuery,
  LowStockQuery,
  Movement,
  MovementQuery,
  page,
  STAFF_ROLES,
  StockLevel,
  ThresholdsRequest,
  Warehouse,
  WarehouseListQuery,
} from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { decodeCursor, encodeCursor, inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { adjustStock } from './commands/adjust-stock.js';
import { createWarehouse } from './commands/create-warehouse.js';
import { setThresholds } from './commands/set-thresholds.js';
import { inventoryProblem } from './inventory.problems.js';
import * as repo from './inventory.repo.js';
import { toWarehouse } from './stock.js';
import { listMovements, listStockLevels } from './views.js';

const MANAGERS = ['admin', 'manager'] as const;
const STOCK_KEEPERS = ['admin', 'manager', 'warehouse'] as const;

/** Warehouses, stock levels, adjustments, thresholds, the movement ledger and the low-stock list. */
export function registerStockRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/warehouses', {
    config: { access: MANAGERS },
    schema: { tags: ['inventory'], summary: 'Create a warehouse (honours Idempotency-Key); a taken code is 409 duplicate_warehouse_code', body: CreateWarehouseRequest, headers: IdempotencyHeaders, response: { 201: Warehouse } },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => createWarehouse(tx, deps.clock, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, inventoryProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/warehouses', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['inventory'], summary: 'List warehouses by code', querystring: WarehouseListQuery, response: { 200: page(Warehouse) } },
  }, async (request) => {
    const { limit, cursor } = request.query;
    const rows = await repo.listWarehouses(deps.db, limit, decodeCursor(cursor));
    const data = rows.slice(0, limit);
    return { data: data.map(toWarehouse), nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.code) : null };
  });

  r.get('/api/v1/inventory', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['inventory'], summary: 'Stock per SKU and warehouse (levels exist from their first movement or threshold)', querystring: InventoryQuery, response: { 200: page(StockLevel) } },
  }, async (request) => listStockLevels(deps.db, request.query));

  r.get('/api/v1/inventory/low-stock', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['inventory'], summary: 'Levels whose available stock is at or below their reorder point (reorder point > 0)', querystring: LowStockQuery, response: { 200: page(StockLevel) } },
  }, async (request) => listStockLevels(deps.db, { ...request.query, lowOnly: true }));

  r.get('/api/v1/inventory/movements', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['inventory'], summary: 'The stock movement ledger, newest first', querystring: MovementQuery, response: { 200: page(Movement) } },
  }, async (request) => listMovements(deps.db, request.query));

  r.post('/api/v1/inventory/adjustments', {
    config: { access: STOCK_KEEPERS },
    schema: {
      tags: ['inventory'],
      summary: 'Receive, correct or restock: on hand changes by the signed quantity (honours Idempotency-Key); below zero or below reserved is 409 insufficient_stock',
      body: AdjustmentRequest,
      headers: IdempotencyHeaders,
      response: { 201: StockLevel },
    },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => adjustStock(tx, deps.clock, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, inventoryProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.put('/api/v1/inventory/thresholds', {
    config: { access: STOCK_KEEPERS },
    schema: { tags: ['inventory'], summary: 'Set safety stock and reorder point of a SKU in a warehouse', body: ThresholdsRequest, response: { 200: StockLevel } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => setThresholds(tx, deps.clock, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, inventoryProblem(result.error));
    deps.wakeWorker();
    return result.value;
  });
}
