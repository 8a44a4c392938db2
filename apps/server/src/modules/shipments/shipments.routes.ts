import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Carrier,
  CarrierParams,
  CreateCarrierRequest,
  CreateShipmentRequest,
  FulfilmentQueueItem,
  FulfilmentQueueQuery,
  IdempotencyHeaders,
  IdParams,
  page,
  Shipment,
  ShipmentEventRequest,
  STAFF_ROLES,
  UpdateCarrierRequest,
  type StaffRole,
} from '@ordercare/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { fulfilmentQueue } from '../orders/index.js';
import { createCarrier, listCarriers, updateCarrier } from './commands/carriers.js';
import { collectCod } from './commands/collect-cod.js';
import { createShipment } from './commands/create-shipment.js';
import { getShipment, shipmentsOfOrder } from './commands/get-shipments.js';
import { recordShipmentEvent } from './commands/record-shipment-event.js';
import { shipmentProblem } from './shipments.problems.js';

/** Who creates shipments and records their tracking events: the floor and its managers. */
export const SHIPPERS: readonly StaffRole[] = ['admin', 'manager', 'warehouse'];
export const CARRIER_EDITORS: readonly StaffRole[] = ['admin', 'manager'];

function roleOf(request: FastifyRequest): StaffRole {
  const p = request.principal;
  if (!p || p.kind === 'portal') throw new Error('shipments routes admit staff only');
  return p.role;
}

export function registerShipmentRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/orders/:id/shipments', {
    config: { access: SHIPPERS },
    schema: {
      tags: ['shipments'],
      summary:
        'Ship some of the remaining quantities from one warehouse (honours Idempotency-Key). Reserved stock becomes shipped stock; the order becomes partially_shipped or shipped. 409 exceeds_remaining / not_reserved / payment_required (prepaid, unpaid: admin or manager may send paymentOverride) / order_not_shippable; 400 when warehouseId is needed. Nothing is written on refusal',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: CreateShipmentRequest,
      response: { 201: Shipment },
    },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => createShipment(tx, deps, actorOf(request.principal), roleOf(request), request.params.id, request.body, { requestId: request.id }));
    if (!result.ok) return sendProblem(reply, shipmentProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/orders/:id/shipments', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['shipments'], summary: "The order's shipments, oldest first, with lines, tracking URL and events", params: IdParams, response: { 200: z.object({ data: z.array(Shipment) }) } },
  }, async (request, reply) => {
    const data = await shipmentsOfOrder(deps.db, request.params.id);
    if (!data) return sendProblem(reply, shipmentProblem({ code: 'order', error: { code: 'order_not_found', id: request.params.id } }));
    return { data };
  });

  r.get('/api/v1/shipments/:id', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['shipments'], summary: 'A shipment with its lines and tracking events', params: IdParams, response: { 200: Shipment } },
  }, async (request, reply) => {
    const shipment = await getShipment(deps.db, request.params.id);
    if (!shipment) return sendProblem(reply, shipmentProblem({ code: 'shipment_not_found', id: request.params.id }));
    return shipment;
  });

  r.post('/api/v1/shipments/:id/events', {
    config: { access: SHIPPERS },
    schema: {
      tags: ['shipments'],
      summary:
        'Record a tracking event. delivered needs signedBy (and may carry codCollected for COD orders); exception needs note (the reason; codFailed: true when the cash was not collected). The order becomes delivered when every unit shipped and every shipment is delivered. 409 shipment_delivered after delivery',
      params: IdParams,
      body: ShipmentEventRequest,
      response: { 200: Shipment },
    },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => recordShipmentEvent(tx, deps, actorOf(request.principal), request.params.id, request.body, { requestId: request.id, collectCod: collectCod(deps) }));
    if (!result.ok) return sendProblem(reply, shipmentProblem(result.error));
    deps.wakeWorker();
    return result.value;
  });

  r.get('/api/v1/fulfilment/queue', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['shipments'], summary: 'Orders ready to ship with units left, urgent first, then earliest promised (else requested) date', querystring: FulfilmentQueueQuery, response: { 200: page(FulfilmentQueueItem) } },
  }, async (request, reply) => {
    const result = await fulfilmentQueue(deps.db, request.query, deps.clock.now().toISOString().slice(0, 10));
    if (!result.ok) return sendProblem(reply, shipmentProblem({ code: 'invalid', errors: [{ path: 'query.cursor', message: 'is not a cursor this list returned; start again without it' }] }));
    return result.value;
  });

  r.get('/api/v1/carriers', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['shipments'], summary: 'Carriers and their tracking URL templates', response: { 200: z.object({ data: z.array(Carrier) }) } },
  }, async () => ({ data: await listCarriers(deps.db) }));

  r.post('/api/v1/carriers', {
    config: { access: CARRIER_EDITORS },
    schema: { tags: ['shipments'], summary: 'Add a carrier; trackingUrlTemplate holds {trackingNumber}. 409 duplicate_carrier', body: CreateCarrierRequest, response: { 201: Carrier } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => createCarrier(tx, deps.clock, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, shipmentProblem(result.error));
    return reply.code(201).send(result.value);
  });

  r.patch('/api/v1/carriers/:code', {
    config: { access: CARRIER_EDITORS },
    schema: { tags: ['shipments'], summary: "Change a carrier's name, tracking URL template (null clears it) or active flag", params: CarrierParams, body: UpdateCarrierRequest, response: { 200: Carrier } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => updateCarrier(tx, deps, actorOf(request.principal), request.params.code, request.body, request.id));
    if (!result.ok) return sendProblem(reply, shipmentProblem(result.error));
    return result.value;
  });
}
