import type { Executor } from '../../platform/db/index.js';
import { getCompanyLogo, getCompanySettings } from '../settings/index.js';
import type { DocumentCompany } from './documents.js';

export type {
  DocumentAddress,
  DocumentCompany,
  DocumentCustomer,
  DocumentLine,
  DocumentLocale,
  DocumentLogo,
  DocumentPaymentTerms,
  DocumentTotals,
  Instalment,
  InvoiceView,
  OrderConfirmationView,
  PackingSlipLine,
  PackingSlipView,
  TaxBreakdownRow,
} from './documents.js';
export { addDays, paymentSchedule, taxBreakdown } from './documents.js';
export { renderInvoice } from './render-invoice.js';
export { renderOrderConfirmation } from './render-confirmation.js';
export { renderPackingSlip } from './render-packing-slip.js';

/**
 * The company as documents print it: the settings and the logo's bytes. Load it before rendering
 * (outside any transaction), then pass it in the view model.
 */
export async function loadDocumentCompany(db: Executor): Promise<DocumentCompany> {
  const [settings, logo] = await Promise.all([getCompanySettings(db), getCompanyLogo(db)]);
  const { logo: _ref, version: _v, updatedAt: _u, defaultCurrency: _c, ...fields } = settings;
  return { ...fields, logo: logo ?? null };
}
