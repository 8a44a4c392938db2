import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, ReleaseRequest, ReleaseResult, Reservation, ReservationQuery, ReservationRecord, ReservationRequest, STAFF_ROLES } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { releaseReservations } from './commands/release-reservations.js';
import { reserveStock } from './commands/reserve-stock.js';
import { inventoryProblem } from './inventory.problems.js';
import { listReservations } from './views.js';

const RESERVERS = ['admin', 'manager', 'sales', 'warehouse'] as const;

/** Reservations over HTTP, for tooling and manual holds; orders call `reserveStock` directly. */
export function registerReservationRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/inventory/reservations', {
    config: { access: RESERVERS },
    schema: {
      tags: ['inventory'],
      summary: 'Reserve every line or nothing (honours Idempotency-Key); short lines are 409 insufficient_stock with errors[].path "lines.N"',
      body: ReservationRequest,
      headers: IdempotencyHeaders,
      response: { 201: Reservation },
    },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => reserveStock(tx, deps.clock, actorOf(request.principal), request.body));
    if (!result.ok) return sendProblem(reply, inventoryProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.post('/api/v1/inventory/reservations/release', {
    config: { access: RESERVERS },
    schema: { tags: ['inventory'], summary: 'Release everything still reserved for a reference; releasing again releases nothing', body: ReleaseRequest, response: { 200: ReleaseResult } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => releaseReservations(tx, deps.clock, actorOf(request.principal), request.body));
    if (!result.ok) return sendProblem(reply, inventoryProblem(result.error));
    deps.wakeWorker();
    return result.value;
  });

  r.get('/api/v1/inventory/reservations', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['inventory'], summary: 'The reservations of one reference (active, released, converted)', querystring: ReservationQuery, response: { 200: z.object({ data: z.array(ReservationRecord) }) } },
  }, async (request) => ({ data: await listReservations(deps.db, request.query.referenceType, request.query.referenceId) }));
}
