import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, OrderDocumentQuery, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { orderDocument } from './commands/order-document.js';
import type { OrderDocumentKind } from './order-documents.js';
import { orderProblem } from './orders.problems.js';

/** Confirmation and invoice carry prices: the desk and finance. */
export const PRICED_DOCUMENT_READERS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support', 'finance'];
/** The packing slip has no prices: the desk and the warehouse. */
export const PACKING_SLIP_READERS: readonly StaffRole[] = ['admin', 'manager', 'sales', 'support', 'warehouse'];

const DOCUMENTS: { kind: OrderDocumentKind; roles: readonly StaffRole[]; summary: string }[] = [
  { kind: 'confirmation', roles: PRICED_DOCUMENT_READERS, summary: 'The order confirmation as PDF, in the customer\'s language unless ?locale= is given' },
  {
    kind: 'invoice',
    roles: PRICED_DOCUMENT_READERS,
    summary: 'The invoice as PDF. The first request gives the order its sequential invoice number (INV-<year>-<6 digits>, gap-free per year); every later one prints the same number and issue date',
  },
  { kind: 'packing-slip', roles: PACKING_SLIP_READERS, summary: 'The packing slip as PDF: no prices; every line at its ordered quantity, with the special requirements and notes' },
];

/** `GET /orders/{id}/documents/{confirmation,invoice,packing-slip}.pdf` (application/pdf, inline). */
export function registerOrderDocumentRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { kind, roles, summary } of DOCUMENTS) {
    r.get(`/api/v1/orders/:id/documents/${kind}.pdf`, {
      config: { access: roles },
      schema: { tags: ['orders', 'documents'], summary, params: IdParams, querystring: OrderDocumentQuery },
    }, async (request, reply) => {
      const result = await orderDocument(deps, actorOf(request.principal), request.params.id, kind, { locale: request.query.locale, requestId: request.id });
      if (!result.ok) return sendProblem(reply, orderProblem(result.error));
      if (kind === 'invoice') deps.wakeWorker();
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${result.value.filename}"`)
        .header('content-language', result.value.locale)
        .header('cache-control', 'private, no-cache')
        .send(result.value.pdf);
    });
  }
}
