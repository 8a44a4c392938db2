import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { findProductsBySkus } from '../../catalog/index.js';
import { getCustomer } from '../../customers/index.js';
import { loadDocumentCompany, renderInvoice, renderOrderConfirmation, renderPackingSlip, type DocumentLocale } from '../../documents/index.js';
import type { OrderError } from '../order.js';
import { confirmationView, documentFilename, documentLocale, invoiceView, packingSlipView, type OrderDocumentKind, type OrderDocumentSource } from '../order-documents.js';
import { findInvoice } from '../order.repo.js';
import { getOrder } from './get-order.js';
import { issueInvoice } from './issue-invoice.js';

export interface OrderDocument {
  filename: string;
  locale: DocumentLocale;
  pdf: Buffer;
}

/**
 * An order's PDF in the requested language (default: the customer's). Loads everything without a
 * transaction; the invoice first gets its number (`issueInvoice`: a short transaction of its own,
 * only the first time). Rendering happens after every transaction has ended.
 */
export async function orderDocument(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  orderId: string,
  kind: OrderDocumentKind,
  options: {
    locale?: DocumentLocale | undefined;
    requestId?: string | undefined;
    /** The portal: only this customer's orders (another's is not found). */
    customerId?: string | undefined;
    /** The portal may fetch an invoice that exists but never make one (numbers are finance's business). */
    onlyIssuedInvoice?: boolean | undefined;
  } = {},
): Promise<Result<OrderDocument, OrderError>> {
  const order = await getOrder(deps.db, orderId);
  if (!order || (options.customerId !== undefined && order.customerId !== options.customerId)) return err({ code: 'not_found', id: orderId });
  if (kind === 'invoice' && options.onlyIssuedInvoice && !(await findInvoice(deps.db, orderId))) return err({ code: 'invoice_not_issued', number: order.number });
  const [customer, products, company] = await Promise.all([
    getCustomer(deps.db, order.customerId),
    findProductsBySkus(deps.db, order.lines.map((l) => l.sku)),
    loadDocumentCompany(deps.db),
  ]);
  const source: OrderDocumentSource = { order, customer, products, company };
  const locale = documentLocale(options.locale, customer);

  let pdf: Buffer;
  switch (kind) {
    case 'confirmation':
      pdf = await renderOrderConfirmation(confirmationView(source, locale), locale);
      break;
    case 'invoice': {
      const invoice = await issueInvoice(deps, actor, orderId, options.requestId);
      if (!invoice.ok) return invoice;
      pdf = await renderInvoice(invoiceView(source, invoice.value, locale), locale);
      break;
    }
    case 'packing-slip':
      pdf = await renderPackingSlip(packingSlipView(source, locale), locale);
      break;
    default: {
      const never: never = kind;
      return never;
    }
  }
  return ok({ filename: documentFilename(order.number, kind), locale, pdf });
}
