import type { ChangeDecisionRequest, Order, OrderChange, OrderDiscount, OrderPriority, StaffRole, UpdateOrderRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { diffFields, recordAudit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Tx } from '../../../platform/db/index.js';
import type { OrderChangesTable, OrderLinesTable, OrdersTable } from '../../../platform/db/schema.js';
import type { FieldError } from '../../../platform/http/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { findProductsBySkus } from '../../catalog/index.js';
import { releaseReservations, reserveStock } from '../../inventory/index.js';
import { PRIORITY_RANK, toOrder, toOrderChange, type OrderError, type Viewer } from '../order.js';
import * as repo from '../order.repo.js';
import type { OrderStatus } from '../order-status.js';
import { priceOrder } from '../pricing.js';
import { backorderedPerLine, lineIssues } from './place-order.js';

export interface EditOptions {
  /** From `If-Match` (required on edits). */
  expectedVersion: number;
  requestId?: string | undefined;
}

export interface DecisionOptions {
  /** Portal: the order must belong to this customer, else it is "not found". */
  customerId?: string | undefined;
  viewer: Viewer;
  requestId?: string | undefined;
}

type Diff = Record<string, { from: unknown; to: unknown }>;

/** Once anything shipped, or in these states, an order cannot be edited. */
const NOT_EDITABLE: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'completed', 'cancelled'];

function notEditable(row: OrdersTable): OrderError | undefined {
  const shipped = row.shipped_anything === 1;
  if (shipped || NOT_EDITABLE.includes(row.status as OrderStatus)) return { code: 'order_not_editable', number: row.number, status: row.status as OrderStatus, shipped };
  return undefined;
}

/** Confirmed or later (also on hold from there): a change of the total needs the customer's approval. */
const needsApproval = (row: OrdersTable) => !(row.status === 'placed' || (row.status === 'on_hold' && row.held_from === 'placed'));

const simpleLines = (lines: readonly OrderLinesTable[]) => lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unit_price }));

/** The editable fields as the API names them, for diffs and the audit. */
function view(row: OrdersTable): Record<string, unknown> {
  return {
    shippingAddress: JSON.parse(row.shipping_address) as unknown,
    billingAddress: row.billing_address ? (JSON.parse(row.billing_address) as unknown) : null,
    requestedDeliveryDate: row.requested_delivery_date,
    promisedDeliveryDate: row.promised_delivery_date,
    priority: row.priority,
    notes: row.notes,
    specialRequirements: row.special_requirements,
    total: row.total,
  };
}

interface Plan {
  /** The order row as the edit leaves it (version and timestamps not yet bumped). */
  next: OrdersTable;
  /** The new lines; undefined when the lines do not change. */
  lines: OrderLinesTable[] | undefined;
  current: OrderLinesTable[];
  diff: Diff;
  /** The request with every line's unit price resolved, as a pending change stores it. */
  proposed: UpdateOrderRequest;
}

/**
 * Works out what an edit does, without writing: validates new SKUs like placement, keeps the
 * placement price and tax rate of a SKU already on the order unless a unit price is given (a new
 * SKU takes the catalog price and rate), re-prices with the order's discount and shipping.
 */
async function planEdit(tx: Tx, row: OrdersTable, input: UpdateOrderRequest): Promise<Result<Plan, OrderError>> {
  const current = await repo.linesOf(tx, row.id);
  const next: OrdersTable = { ...row };
  let lines: OrderLinesTable[] | undefined;
  const proposed: UpdateOrderRequest = { ...input };
  if (input.lines) {
    const old = new Map<string, OrderLinesTable>();
    for (const l of current) if (!old.has(l.sku)) old.set(l.sku, l);
    const products = await findProductsBySkus(tx, input.lines.map((l) => l.sku));
    const issues: FieldError[] = [];
    input.lines.forEach((line, i) => {
      const product = products.get(line.sku);
      if (!old.has(line.sku) || !product) issues.push(...lineIssues(line, i, product, row.currency));
    });
    if (issues.length) return err({ code: 'invalid', errors: issues });
    const resolved = input.lines.map((l) => {
      const before = old.get(l.sku);
      const p = products.get(l.sku)!;
      return {
        product: p,
        quantity: l.quantity,
        unitPrice: l.unitPrice ?? before?.unit_price ?? p.unitPrice,
        taxRateBp: before?.tax_rate_bp ?? Math.round(p.taxRate * 100),
        name: before?.name ?? p.name,
        makeToOrder: before?.make_to_order ?? (p.makeToOrder ? 1 : 0),
      };
    });
    proposed.lines = resolved.map((l) => ({ sku: l.product.sku, quantity: l.quantity, unitPrice: l.unitPrice }));
    if (JSON.stringify(proposed.lines) !== JSON.stringify(simpleLines(current))) {
      const discount = row.discount ? (JSON.parse(row.discount) as OrderDiscount) : null;
      const priced = priceOrder(resolved, discount, row.shipping);
      if (!priced.ok) return err({ code: 'invalid', errors: priced.error.map((i) => ({ path: `body.${i.path}`, message: i.message })) });
      const t = priced.value.totals;
      Object.assign(next, { subtotal: t.subtotal, discount_total: t.discount, tax_total: t.tax, total: t.total });
      lines = resolved.map((l, i) => ({
        id: newId('oln'),
        order_id: row.id,
        position: i,
        product_id: l.product.id,
        sku: l.product.sku,
        name: l.name,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        tax_rate_bp: l.taxRateBp,
        total: priced.value.lines[i]!.total,
        discount: priced.value.lines[i]!.discount,
        tax: priced.value.lines[i]!.tax,
        backordered: 0,
        make_to_order: l.makeToOrder,
        shipped: 0,
      }));
    }
  }
  const text = (v: string | null | undefined) => (v ? v : null);
  if (input.shippingAddress) next.shipping_address = JSON.stringify(input.shippingAddress);
  if (input.billingAddress !== undefined) next.billing_address = input.billingAddress ? JSON.stringify(input.billingAddress) : null;
  if (input.requestedDeliveryDate) next.requested_delivery_date = input.requestedDeliveryDate;
  if (input.promisedDeliveryDate !== undefined) next.promised_delivery_date = input.promisedDeliveryDate;
  next.due_date = next.promised_delivery_date ?? next.requested_delivery_date;
  if (input.priority) Object.assign(next, { priority: input.priority, priority_rank: PRIORITY_RANK[input.priority as OrderPriority] });
  if (input.notes !== undefined) next.notes = text(input.notes);
  if (input.specialRequirements !== undefined) next.special_requirements = text(input.specialRequirements);

  const diff: Diff = diffFields(view(row), view(next));
  if (lines) diff.lines = { from: simpleLines(current), to: simpleLines(lines) };
  return ok({ next, lines, current, diff, proposed });
}

/**
 * Applies a plan in the caller's transaction: when the lines change, releases the order's
 * reservations and reserves the new lines (all or nothing: `err` means roll back), replaces the
 * lines, saves the row with version + 1, writes the history row `changed`, the audit entry and
 * `order.changed`.
 */
async function applyPlan(tx: Tx, deps: Pick<Deps, 'clock'>, actor: Actor, row: OrdersTable, plan: Plan, adjustment: number, requestId: string | undefined) {
  const now = deps.clock.now().toISOString();
  let lines = plan.current;
  if (plan.lines) {
    const released = await releaseReservations(tx, deps.clock, actor, { referenceType: 'order', referenceId: row.id, reason: `order ${row.number} edited` });
    if (!released.ok) return err<OrderError>({ code: 'inventory', error: released.error });
    const reserved = await reserveStock(tx, deps.clock, actor, { referenceType: 'order', referenceId: row.id, lines: plan.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
    if (!reserved.ok) {
      const e = reserved.error;
      return err<OrderError>(e.code === 'insufficient_stock' ? { code: 'insufficient_stock', lines: e.lines, edit: true } : { code: 'inventory', error: e });
    }
    const backordered = backorderedPerLine(plan.lines, reserved.value.allocations);
    lines = plan.lines.map((l, i) => ({ ...l, backordered: backordered[i]! }));
    await repo.replaceLines(tx, row.id, lines);
  }
  const saved: OrdersTable = { ...plan.next, adjustment_total: row.adjustment_total + adjustment, version: row.version + 1, updated_at: now };
  if (!(await repo.updateOrder(tx, row.version, saved))) throw new Error(`order ${row.id} changed while locked`);
  await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: row.id, type: 'changed', at: now, actor_type: actor.type, actor_id: actor.id, from_status: null, to_status: null, reason: null, changes: JSON.stringify(plan.diff) });
  await recordAudit(tx, { actor, action: 'order.changed', entityType: 'order', entityId: row.id, before: { ...view(row), lines: simpleLines(plan.current) }, after: { ...view(saved), lines: simpleLines(lines) }, at: now, requestId });
  await emitEvent(tx, now, {
    type: 'order.changed',
    aggregateType: 'order',
    aggregateId: row.id,
    payload: { orderId: row.id, customerId: row.customer_id, number: row.number, changes: plan.diff, totalBefore: row.total, totalAfter: saved.total, currency: row.currency, version: saved.version, actor },
  });
  return ok({ row: saved, lines });
}

/**
 * `PATCH /orders/{id}` in the caller's transaction. Refused once anything shipped or the order is
 * delivered, completed or cancelled, and while a change waits for the customer. A confirmed (or
 * later) order whose total would change gets a pending change instead (nothing applied, no stock
 * reserved for it): `pending: true`. Otherwise the edit is applied at once.
 */
export async function editOrder(tx: Tx, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, role: StaffRole, id: string, input: UpdateOrderRequest, options: EditOptions): Promise<Result<{ order: Order; pending: boolean }, OrderError>> {
  const row = await repo.lockOrderRow(tx, deps.ops, id);
  if (!row) return err({ code: 'not_found', id });
  if (row.version !== options.expectedVersion) return err({ code: 'version_conflict', id, current: row.version });
  const refused = notEditable(row);
  if (refused) return err(refused);
  const waiting = await repo.pendingChangeOf(tx, id);
  if (waiting) return err({ code: 'change_pending', number: row.number, changeId: waiting.id });

  const plan = await planEdit(tx, row, input);
  if (!plan.ok) return plan;
  const { diff, next } = plan.value;
  if (Object.keys(diff).length === 0) return ok({ order: toOrder(row, plan.value.current, { role }), pending: false });

  if (needsApproval(row) && next.total !== row.total) {
    const now = deps.clock.now().toISOString();
    const change: OrderChangesTable = {
      id: newId('och'),
      order_id: id,
      status: 'pending',
      proposed: JSON.stringify(plan.value.proposed),
      diff: JSON.stringify(diff),
      total_before: row.total,
      total_after: next.total,
      requested_by_type: actor.type,
      requested_by_id: actor.id,
      decided_by_type: null,
      decided_by_id: null,
      note: null,
      created_at: now,
      decided_at: null,
    };
    await repo.insertChange(tx, change);
    const saved: OrdersTable = { ...row, version: row.version + 1, updated_at: now };
    if (!(await repo.updateOrder(tx, row.version, saved))) throw new Error(`order ${id} changed while locked`);
    await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: id, type: 'change_requested', at: now, actor_type: actor.type, actor_id: actor.id, from_status: null, to_status: null, reason: null, changes: change.diff });
    await recordAudit(tx, { actor, action: 'order.change_requested', entityType: 'order', entityId: id, before: { pendingChange: null }, after: { pendingChange: change.id, totalAfter: change.total_after }, at: now, requestId: options.requestId });
    await emitEvent(tx, now, {
      type: 'order.change_requested',
      aggregateType: 'order',
      aggregateId: id,
      payload: { orderId: id, customerId: row.customer_id, number: row.number, changeId: change.id, totalBefore: row.total, totalAfter: next.total, currency: row.currency, changes: diff, actor },
    });
    return ok({ order: toOrder(saved, plan.value.current, { role }, change), pending: true });
  }

  const applied = await applyPlan(tx, deps, actor, row, plan.value, 0, options.requestId);
  if (!applied.ok) return applied;
  return ok({ order: toOrder(applied.value.row, applied.value.lines, { role }), pending: false });
}

/**
 * Records the customer's answer to a pending change in the caller's transaction. Approve applies
 * it exactly like a direct edit (re-reserving; `err` leaves the change pending once rolled back)
 * and adds the price difference to the order's balance adjustment; decline only marks it.
 */
export async function decideChange(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  orderId: string,
  changeId: string,
  request: ChangeDecisionRequest,
  options: DecisionOptions,
): Promise<Result<{ order: Order; change: OrderChange }, OrderError>> {
  const row = await repo.lockOrderRow(tx, deps.ops, orderId);
  if (!row || (options.customerId !== undefined && row.customer_id !== options.customerId)) return err({ code: 'not_found', id: orderId });
  const change = await repo.findChange(tx, orderId, changeId);
  if (!change) return err({ code: 'change_not_found', orderId, changeId });
  if (change.status !== 'pending') return err({ code: 'change_decided', changeId, status: change.status });
  const now = deps.clock.now().toISOString();
  const note = request.note ?? null;
  const decided: OrderChangesTable = { ...change, status: request.decision === 'approve' ? 'approved' : 'declined', decided_by_type: actor.type, decided_by_id: actor.id, decided_at: now, note };

  let saved: OrdersTable;
  let lines: OrderLinesTable[];
  let adjustment = 0;
  if (request.decision === 'approve') {
    const refused = notEditable(row);
    if (refused) return err(refused);
    const plan = await planEdit(tx, row, JSON.parse(change.proposed) as UpdateOrderRequest);
    if (!plan.ok) return plan;
    adjustment = plan.value.next.total - row.total;
    const applied = await applyPlan(tx, deps, actor, row, plan.value, adjustment, options.requestId);
    if (!applied.ok) return applied;
    ({ row: saved, lines } = applied.value);
  } else {
    saved = { ...row, version: row.version + 1, updated_at: now };
    if (!(await repo.updateOrder(tx, row.version, saved))) throw new Error(`order ${orderId} changed while locked`);
    lines = await repo.linesOf(tx, orderId);
  }
  if (!(await repo.decideChangeRow(tx, changeId, decided))) throw new Error(`change ${changeId} decided while locked`);
  const type = request.decision === 'approve' ? 'change_approved' : 'change_declined';
  const changes = request.decision === 'approve' ? diffFields({ balanceAdjustment: row.adjustment_total }, { balanceAdjustment: saved.adjustment_total }) : {};
  await repo.insertOrderEvent(tx, { id: newId('oev'), order_id: orderId, type, at: now, actor_type: actor.type, actor_id: actor.id, from_status: null, to_status: null, reason: note, changes: JSON.stringify(changes) });
  await recordAudit(tx, { actor, action: `order.${type}`, entityType: 'order', entityId: orderId, before: { change: changeId, status: 'pending' }, after: { change: changeId, status: decided.status, balanceAdjustment: saved.adjustment_total }, at: now, requestId: options.requestId });
  await emitEvent(tx, now, {
    type: `order.${type}`,
    aggregateType: 'order',
    aggregateId: orderId,
    payload: { orderId, customerId: row.customer_id, number: row.number, changeId, totalBefore: change.total_before, totalAfter: change.total_after, balanceAdjustment: adjustment, adjustmentTotal: saved.adjustment_total, currency: row.currency, note, actor },
  });
  return ok({ order: toOrder(saved, lines, options.viewer), change: toOrderChange(decided) });
}
