import type { Carrier, CreateCarrierRequest, UpdateCarrierRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { recordAudit } from '../../../platform/audit.js';
import { SYSTEM_ACTOR, type Actor } from '../../../platform/auth/index.js';
import type { Clock } from '../../../platform/clock.js';
import { inTransaction, type Executor, type Tx } from '../../../platform/db/index.js';
import type { CarriersTable } from '../../../platform/db/schema.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { DEMO_CARRIERS, toCarrier } from '../carriers.js';
import * as repo from '../shipments.repo.js';
import type { ShipmentError } from '../shipment.js';

export async function listCarriers(db: Executor): Promise<Carrier[]> {
  return (await repo.listCarrierRows(db)).map(toCarrier);
}

/** `POST /carriers`: 409 duplicate_carrier when the code is taken. */
export async function createCarrier(tx: Tx, clock: Clock, actor: Actor, input: CreateCarrierRequest, requestId?: string): Promise<Result<Carrier, ShipmentError>> {
  const now = clock.now().toISOString();
  const row: CarriersTable = { code: input.code, name: input.name, tracking_url_template: input.trackingUrlTemplate ?? null, active: input.active ? 1 : 0, created_at: now, updated_at: now };
  if (!(await repo.insertCarrier(tx, row))) return err({ code: 'duplicate_carrier', carrier: input.code });
  await recordAudit(tx, { actor, action: 'carrier.created', entityType: 'carrier', entityId: row.code, after: toCarrier(row), at: now, requestId });
  return ok(toCarrier(row));
}

/** `PATCH /carriers/{code}`: name, template (null clears it), active. */
export async function updateCarrier(tx: Tx, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, code: string, input: UpdateCarrierRequest, requestId?: string): Promise<Result<Carrier, ShipmentError>> {
  const row = await repo.lockCarrier(tx, deps.ops, code.toUpperCase());
  if (!row) return err({ code: 'carrier_not_found', carrier: code });
  const now = deps.clock.now().toISOString();
  const next: CarriersTable = {
    ...row,
    name: input.name ?? row.name,
    tracking_url_template: input.trackingUrlTemplate === undefined ? row.tracking_url_template : input.trackingUrlTemplate,
    active: input.active === undefined ? row.active : input.active ? 1 : 0,
    updated_at: now,
  };
  await repo.updateCarrierRow(tx, next);
  await recordAudit(tx, { actor, action: 'carrier.updated', entityType: 'carrier', entityId: row.code, before: toCarrier(row), after: toCarrier(next), at: now, requestId });
  return ok(toCarrier(next));
}

/** SF Express, China Post EMS, DHL Express and UPS, when there are no carriers yet. */
export async function seedDemoCarriers(deps: Pick<Deps, 'db' | 'clock'>): Promise<boolean> {
  if ((await repo.listCarrierRows(deps.db)).length > 0) return false;
  const result = await inTransaction(deps.db, async (tx) => {
    for (const c of DEMO_CARRIERS) await createCarrier(tx, deps.clock, SYSTEM_ACTOR, { ...c, active: true });
    return ok(true);
  });
  return result.ok;
}
