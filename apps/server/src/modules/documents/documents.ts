import type { Locale } from '@ordercare/contracts';

/**
 * The view models the PDF renderers take: plain data, already loaded and decided. Renderers print
 * what they are given (totals, tax and numbers come from the order and the invoice) and calculate
 * only presentation: a tax breakdown or a payment schedule when the caller gives none.
 *
 * Money is integer minor units in the document's `currency`. Dates are `YYYY-MM-DD` (or ISO
 * timestamps, printed as their UTC date).
 */
export type DocumentLocale = Locale;

export interface DocumentLogo {
  mimeType: 'image/png' | 'image/jpeg';
  data: Buffer;
}

/** The issuing company, from settings (`loadDocumentCompany`). */
export interface DocumentCompany {
  name: string;
  /** Printed instead of `name` on zh-CN documents (with `name` beneath it). */
  nameZh?: string | null;
  legalName?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2; printed as the country's name in the document's language. */
  country?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  taxId?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
  bankIban?: string | null;
  bankSwift?: string | null;
  paymentTermsEn?: string | null;
  paymentTermsZh?: string | null;
  invoiceFooterEn?: string | null;
  invoiceFooterZh?: string | null;
  logo?: DocumentLogo | null;
}

/** The contract's `Address`. */
export interface DocumentAddress {
  name?: string | null;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country: string;
  phone?: string | null;
}

export interface DocumentCustomer {
  name: string;
  legalName?: string | null;
  taxId?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface DocumentLine {
  sku: string;
  name: string;
  /** Printed instead of `name` on zh-CN documents. */
  nameZh?: string | null;
  /** A second, smaller line under the name (model, specification, "backorder"…). */
  description?: string | null;
  quantity: number;
  unit?: string | null;
  /** Net unit price (before tax). */
  unitPrice: number;
  /** Line discount amount, if any. */
  discount?: number | null;
  /** Percent, e.g. 13 or 13.5. */
  taxRate: number;
  /** The line's tax; when absent, `round(total × taxRate / 100)` for the breakdown. */
  taxAmount?: number | null;
  /** Net line amount: quantity × unit price − discount. */
  total: number;
}

/** The order's `totals` (API.md): all net amounts but `tax` and `total`. */
export interface DocumentTotals {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
}

export interface TaxBreakdownRow {
  /** Percent. */
  rate: number;
  /** Taxable amount. */
  base: number;
  tax: number;
}

export interface Instalment {
  dueDate: string;
  amount: number;
}

/** The order's `paymentTerms` (API.md), optionally with the schedule already decided. */
export interface DocumentPaymentTerms {
  method: 'prepaid' | 'installments' | 'cod' | 'net';
  /** `net`: days after the issue date (default 30); `installments`: days until the first one (default 0). */
  netDays?: number | null;
  /** `installments`: how many (default 2), every 30 days. */
  installments?: number | null;
  /** An explicit schedule wins over `netDays` and `installments`. */
  schedule?: Instalment[] | null;
}

interface OrderDocumentBase {
  company: DocumentCompany;
  orderNumber: string;
  orderDate: string;
  customer: DocumentCustomer;
  /** The customer's purchase order number or reference. */
  customerReference?: string | null;
  notes?: string | null;
}

export interface OrderConfirmationView extends OrderDocumentBase {
  currency: string;
  billingAddress?: DocumentAddress | null;
  shippingAddress?: DocumentAddress | null;
  lines: DocumentLine[];
  totals: DocumentTotals;
  paymentTerms?: DocumentPaymentTerms | null;
  requestedDeliveryDate?: string | null;
  promisedDeliveryDate?: string | null;
  specialRequirements?: string | null;
}

export interface InvoiceView extends OrderDocumentBase {
  invoiceNumber: string;
  issueDate: string;
  currency: string;
  billingAddress?: DocumentAddress | null;
  shippingAddress?: DocumentAddress | null;
  lines: DocumentLine[];
  totals: DocumentTotals;
  /** When absent, grouped from the lines by `taxBreakdown`. */
  taxBreakdown?: TaxBreakdownRow[] | null;
  paymentTerms: DocumentPaymentTerms;
  /** Payments received so far; the invoice then shows the balance due. */
  amountPaid?: number | null;
}

export interface PackingSlipLine {
  sku: string;
  name: string;
  nameZh?: string | null;
  description?: string | null;
  /** Quantity in this shipment. */
  quantity: number;
  unit?: string | null;
  /** Quantity ordered, when the shipment is partial. */
  orderedQuantity?: number | null;
}

export interface PackingSlipView extends OrderDocumentBase {
  shippingAddress: DocumentAddress;
  lines: PackingSlipLine[];
  shipmentNumber?: string | null;
  shipDate?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  warehouse?: string | null;
  packages?: number | null;
  specialRequirements?: string | null;
}

/** Net amounts and tax per rate, highest rate first. */
export function taxBreakdown(lines: readonly Pick<DocumentLine, 'taxRate' | 'taxAmount' | 'total'>[]): TaxBreakdownRow[] {
  const byRate = new Map<number, TaxBreakdownRow>();
  for (const l of lines) {
    const row = byRate.get(l.taxRate) ?? { rate: l.taxRate, base: 0, tax: 0 };
    row.base += l.total;
    row.tax += l.taxAmount ?? Math.round((l.total * l.taxRate) / 100);
    byRate.set(l.taxRate, row);
  }
  return [...byRate.values()].sort((a, b) => b.rate - a.rate);
}

/** `YYYY-MM-DD` plus days (calendar arithmetic in UTC). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * When `amount` falls due under the terms, counted from the issue date: prepaid at once, net after
 * `netDays` (30), instalments in equal parts every 30 days from `netDays` (0) on, the remainder
 * of the division in the first. Cash on delivery has no date: an empty schedule.
 */
export function paymentSchedule(terms: DocumentPaymentTerms, issueDate: string, amount: number): Instalment[] {
  if (terms.schedule?.length) return terms.schedule;
  const issue = issueDate.slice(0, 10);
  switch (terms.method) {
    case 'prepaid':
      return [{ dueDate: issue, amount }];
    case 'cod':
      return [];
    case 'net':
      return [{ dueDate: addDays(issue, terms.netDays ?? 30), amount }];
    case 'installments': {
      const n = Math.max(1, Math.floor(terms.installments ?? 2));
      const part = Math.floor(amount / n);
      return Array.from({ length: n }, (_, i) => ({ dueDate: addDays(issue, (terms.netDays ?? 0) + 30 * i), amount: part + (i === 0 ? amount - part * n : 0) }));
    }
    default: {
      const never: never = terms.method;
      return never;
    }
  }
}

/** The name to print for the document's language. */
export const localName = (item: { name: string; nameZh?: string | null }, locale: DocumentLocale) => (locale === 'zh-CN' && item.nameZh ? item.nameZh : item.name);
