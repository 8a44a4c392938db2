import type { Allocation, CreateOrderRequest, Order, OrderChannel, Product } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { OrderLinesTable, OrdersTable } from '../../../platform/db/schema.js';
import type { FieldError } from '../../../platform/http/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { runReused, takeRiders } from '../../../platform/db/index.js';
import { productsBySkusColumn, productsFromColumn } from '../../catalog/index.js';
import { customerNameColumn } from '../../customers/index.js';
import { activeLevelsColumn, levelsFromColumn, reserveStock } from '../../inventory/index.js';
import { paymentTermsIssues, PRIORITY_RANK, toOrder, type OrderError, type Viewer } from '../order.js';
import * as repo from '../order.repo.js';
import { priceOrder, type Pricing } from '../pricing.js';

export interface PlaceOptions {
  /** Resolved by the route: the request's `channel`, else from the kind of caller. */
  channel: OrderChannel;
  viewer: Viewer;
  requestId?: string | undefined;
}

/** `SO-2026-000123`: the year of placement (UTC) and the year's gap-free sequence. */
export const formatOrderNumber = (year: number, sequence: number) => `SO-${year}-${String(sequence).padStart(6, '0')}`;

/**
 * Places an order in the caller's transaction: checks the customer, products, currencies and
 * payment terms; prices the lines; reserves every tracked line (all or nothing); writes the order,
 * its lines, the history row and the audit entry; takes the next order number; emits
 * `order.placed`. Any `err` leaves nothing behind once the caller rolls back (the number too).
 */
export async function placeOrder(tx: Tx, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, input: CreateOrderRequest, options: PlaceOptions): Promise<Result<Order, OrderError>> {
  const issues: FieldError[] = [...paymentTermsIssues(input.paymentTerms)];
  const { name, products, levels } = await readForPlacement(tx, deps, input);
  if (name === undefined) issues.push({ path: 'body.customerId', message: `no customer has id ${input.customerId}` });
  input.lines.forEach((line, i) => issues.push(...lineIssues(line, i, products.get(line.sku), input.currency)));
  if (issues.length || name === undefined) return err({ code: 'invalid', errors: issues });

  const lines = input.lines.map((l) => ({ ...l, product: products.get(l.sku)! }));
  const priced = priceOrder(
    lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice ?? l.product.unitPrice, taxRateBp: Math.round(l.product.taxRate * 100) })),
    input.discount,
    input.shippingCharge,
  );
  if (!priced.ok) return err({ code: 'invalid', errors: priced.error.map((i) => ({ path: `body.${i.path}`, message: i.message })) });

  const id = newId('ord');
  const reservation = await reserveStock(tx, deps.clock, actor, { referenceType: 'order', referenceId: id, lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), products, levels });
  if (!reservation.ok) {
    const e = reservation.error;
    return err(e.code === 'insufficient_stock' ? { code: 'insufficient_stock', lines: e.lines } : { code: 'inventory', error: e });
  }
  const backordered = backorderedPerLine(input.lines, reservation.value.allocations);

  const now = deps.clock.now().toISOString();
  const year = new Date(now).getUTCFullYear();
  const row = orderRow(id, input, priced.value, { customerName: name, channel: options.channel, actor, now });
  const lineRows: OrderLinesTable[] = lines.map((l, i) => ({
    id: newId('oln'),
    order_id: id,
    position: i,
    product_id: l.product.id,
    sku: l.product.sku,
    name: l.product.name,
    quantity: l.quantity,
    unit_price: l.unitPrice ?? l.product.unitPrice,
    tax_rate_bp: Math.round(l.product.taxRate * 100),
    total: priced.value.lines[i]!.total,
    discount: priced.value.lines[i]!.discount,
    tax: priced.value.lines[i]!.tax,
    backordered: backordered[i]!,
    make_to_order: l.product.makeToOrder ? 1 : 0,
    shipped: 0,
  }));
  await recordAudit(tx, { actor, action: 'order.placed', entityType: 'order', entityId: id, after: auditable(row, lineRows), at: now, requestId: options.requestId });
  // The number as late as possible: the counter row stays locked until COMMIT (PostgreSQL), and
  // every placement waits for it. With held inserts the statement that writes them takes it, and
  // `number` is a placeholder until then (the transaction's result gets the number).
  const number = repo.orderNumberSoon(tx, year) ?? formatOrderNumber(year, await repo.nextOrderNumber(tx, year));
  row.number = number;
  await repo.insertOrder(tx, row, lineRows);
  await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: id, type: 'placed', at: now, actor_type: actor.type, actor_id: actor.id, from_status: null, to_status: 'placed', reason: null, changes: '{}' });
  await emitEvent(tx, now, {
    type: 'order.placed',
    aggregateType: 'order',
    aggregateId: id,
    payload: { orderId: id, customerId: row.customer_id, number, status: 'placed', total: row.total, currency: row.currency, channel: row.channel, priority: row.priority, dueDate: row.due_date, actor },
  });
  return ok(toOrder(row, lineRows, options.viewer));
}

/**
 * The customer's name, the lines' products and their stock levels in every active warehouse: one
 * statement (one round trip on PostgreSQL instead of three), each part built by its module. It
 * also carries the checks that ride on the transaction's first read (the idempotency claim).
 */
async function readForPlacement(tx: Tx, deps: Pick<Deps, 'ops'>, input: CreateOrderRequest) {
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const riders = takeRiders(tx);
  const { rows } = await runReused(tx, `orders.placement-reads:${skus.length}${riders.key}`, [...riders.parameters, input.customerId, ...skus, ...skus, 1], () =>
    tx.selectNoFrom([
      ...riders.columns,
      customerNameColumn(tx, input.customerId).as('customer_name'),
      productsBySkusColumn(tx, deps.ops, skus).as('products'),
      activeLevelsColumn(tx, deps.ops, skus).as('levels'),
    ]),
  );
  const row = rows[0]!;
  riders.settle(row as Record<string, unknown>);
  return { name: row.customer_name ?? undefined, products: productsFromColumn(deps.ops, row.products), levels: levelsFromColumn(deps.ops, row.levels) };
}

export function lineIssues(line: CreateOrderRequest['lines'][number], i: number, product: Product | undefined, currency: string): FieldError[] {
  if (!product) return [{ path: `body.lines.${i}.sku`, message: `no product has SKU ${line.sku}` }];
  if (!product.active) return [{ path: `body.lines.${i}.sku`, message: `${line.sku} is inactive and cannot be ordered` }];
  if (line.unitPrice === undefined && product.currency !== currency) {
    return [{ path: `body.lines.${i}.unitPrice`, message: `is required: ${line.sku} is priced in ${product.currency} and the order is in ${currency}` }];
  }
  return [];
}

/**
 * Units of each line reserved beyond stock. Allocations are per SKU; lines sharing a SKU take the
 * units from stock in line order, so a shortfall lands on the later lines. Untracked products
 * have no allocations and nothing backordered.
 */
export function backorderedPerLine(lines: readonly { sku: string; quantity: number }[], allocations: readonly Allocation[]): number[] {
  const fromStock = new Map<string, number>();
  for (const a of allocations) fromStock.set(a.sku, (fromStock.get(a.sku) ?? 0) + a.quantity);
  return lines.map((l) => {
    const left = fromStock.get(l.sku);
    if (left === undefined) return 0;
    const take = Math.min(left, l.quantity);
    fromStock.set(l.sku, left - take);
    return l.quantity - take;
  });
}

function orderRow(id: string, input: CreateOrderRequest, pricing: Pricing, meta: { customerName: string; channel: OrderChannel; actor: Actor; now: string }): OrdersTable {
  const text = (v: string | undefined) => (v ? v : null);
  return {
    id,
    number: '', // set from the counter just before the row is inserted
    status: 'placed',
    held_from: null,
    payment_status: 'unpaid',
    customer_id: input.customerId,
    customer_name: meta.customerName,
    currency: input.currency,
    subtotal: pricing.totals.subtotal,
    discount_total: pricing.totals.discount,
    tax_total: pricing.totals.tax,
    shipping: pricing.totals.shipping,
    total: pricing.totals.total,
    discount: input.discount ? JSON.stringify(input.discount) : null,
    priority: input.priority,
    priority_rank: PRIORITY_RANK[input.priority],
    requested_delivery_date: input.requestedDeliveryDate,
    promised_delivery_date: input.promisedDeliveryDate ?? null,
    due_date: input.promisedDeliveryDate ?? input.requestedDeliveryDate,
    payment_terms: JSON.stringify(input.paymentTerms),
    shipping_address: JSON.stringify(input.shippingAddress),
    billing_address: input.billingAddress ? JSON.stringify(input.billingAddress) : null,
    notes: text(input.notes),
    special_requirements: text(input.specialRequirements),
    channel: meta.channel,
    shipped_anything: 0,
    adjustment_total: 0,
    paid_total: 0,
    refunded_total: 0,
    version: 1,
    created_by_type: meta.actor.type,
    created_by_id: meta.actor.id,
    created_at: meta.now,
    updated_at: meta.now,
  };
}

/** What the audit log records of a new order. */
function auditable(row: OrdersTable, lines: readonly OrderLinesTable[]): Record<string, unknown> {
  return {
    status: row.status,
    customerId: row.customer_id,
    currency: row.currency,
    total: row.total,
    priority: row.priority,
    channel: row.channel,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unit_price, backordered: l.backordered })),
  };
}
