import type { Customer, Order, OrderLine, Product } from '@ordercare/contracts';
import {
  paymentSchedule,
  taxBreakdown,
  type DocumentAddress,
  type DocumentCompany,
  type DocumentCustomer,
  type DocumentLine,
  type DocumentLocale,
  type DocumentPaymentTerms,
  type InvoiceView,
  type OrderConfirmationView,
  type PackingSlipView,
} from '../documents/index.js';

/**
 * The one place an order becomes the documents' view models (pure). Everything is loaded before:
 * the order, the customer (for the language, legal name, tax id and a billing address when the
 * order has none), the products of its lines (Chinese name, model and specification) and the
 * company from settings.
 *
 * What the customer sees: lines at quantity × unit price, the totals exactly as the order's
 * (subtotal, the order discount, shipping, tax, total), and a tax breakdown whose bases are the
 * lines after their share of the discount, so the bases add up to subtotal − discount and the
 * taxes to the order's tax. The order's `notes` are internal and packing-slip notes: they print on
 * the packing slip only; special requirements also on the confirmation.
 */
export interface OrderDocumentSource {
  order: Order;
  customer: Customer | undefined;
  /** By SKU; a product since deleted or renamed only loses its Chinese name and specification. */
  products: ReadonlyMap<string, Product>;
  company: DocumentCompany;
}

export const ORDER_DOCUMENT_KINDS = ['confirmation', 'invoice', 'packing-slip'] as const;
export type OrderDocumentKind = (typeof ORDER_DOCUMENT_KINDS)[number];

/** `SO-2026-000001-invoice.pdf` */
export const documentFilename = (orderNumber: string, kind: OrderDocumentKind) => `${orderNumber}-${kind}.pdf`;

/** The language asked for, else the customer's, else English. */
export const documentLocale = (requested: DocumentLocale | undefined, customer: Customer | undefined): DocumentLocale => requested ?? customer?.locale ?? 'en';

const date = (timestamp: string) => timestamp.slice(0, 10);

type AnyAddress = Order['shippingAddress'] | Customer['addresses'][number];

const address = (a: AnyAddress | null | undefined): DocumentAddress | null => (a ? toAddress(a) : null);

function toAddress(a: AnyAddress): DocumentAddress {
  return { name: a.name, company: a.company ?? null, line1: a.line1, line2: a.line2 ?? null, city: a.city, region: a.region ?? null, postalCode: a.postalCode ?? null, country: a.country, phone: a.phone ?? null };
}

/** The order's billing address, else the customer's default (or only) billing address. */
function billingAddress(source: OrderDocumentSource): DocumentAddress | null {
  if (source.order.billingAddress) return address(source.order.billingAddress);
  const billing = source.customer?.addresses.filter((a) => a.kind === 'billing') ?? [];
  return address(billing.find((a) => a.isDefault) ?? billing[0]);
}

function customer(source: OrderDocumentSource): DocumentCustomer {
  const c = source.customer;
  return { name: source.order.customerName, legalName: c?.legalName ?? null, taxId: c?.taxId ?? null, email: c?.email ?? null, phone: c?.phone ?? null };
}

/** Model and specification in the document's language, as the line's second row. */
function description(p: Product | undefined, locale: DocumentLocale): string | null {
  if (!p) return null;
  const spec = locale === 'zh-CN' ? (p.specificationZh ?? p.specification) : p.specification;
  return [p.model, spec].filter(Boolean).join(' · ') || null;
}

function item(l: OrderLine, source: OrderDocumentSource, locale: DocumentLocale) {
  const p = source.products.get(l.sku);
  return { sku: l.sku, name: l.name, nameZh: p?.nameZh ?? null, description: description(p, locale), unit: p?.unit ?? null };
}

function pricedLines(source: OrderDocumentSource, locale: DocumentLocale): DocumentLine[] {
  return source.order.lines.map((l) => ({ ...item(l, source, locale), quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, taxAmount: l.tax, total: l.total }));
}

function base(source: OrderDocumentSource) {
  const { order } = source;
  return { company: source.company, orderNumber: order.number, orderDate: date(order.createdAt), customer: customer(source), customerReference: null };
}

const terms = (order: Order): DocumentPaymentTerms => ({ method: order.paymentTerms.method, netDays: order.paymentTerms.netDays ?? null, installments: order.paymentTerms.installments ?? null });

export function confirmationView(source: OrderDocumentSource, locale: DocumentLocale): OrderConfirmationView {
  const { order } = source;
  return {
    ...base(source),
    currency: order.currency,
    billingAddress: billingAddress(source),
    shippingAddress: address(order.shippingAddress),
    lines: pricedLines(source, locale),
    totals: order.totals,
    paymentTerms: terms(order),
    requestedDeliveryDate: order.requestedDeliveryDate,
    promisedDeliveryDate: order.promisedDeliveryDate,
    specialRequirements: order.specialRequirements,
  };
}

export function invoiceView(source: OrderDocumentSource, invoice: { number: string; issuedAt: string }, locale: DocumentLocale): InvoiceView {
  const { order } = source;
  const issueDate = date(invoice.issuedAt);
  const paymentTerms = terms(order);
  return {
    ...base(source),
    invoiceNumber: invoice.number,
    issueDate,
    currency: order.currency,
    billingAddress: billingAddress(source),
    shippingAddress: address(order.shippingAddress),
    lines: pricedLines(source, locale),
    totals: order.totals,
    taxBreakdown: taxBreakdown(order.lines.map((l) => ({ taxRate: l.taxRate, taxAmount: l.tax, total: l.total - l.discount }))),
    paymentTerms: { ...paymentTerms, schedule: paymentSchedule(paymentTerms, issueDate, order.totals.total) },
    amountPaid: null,
  };
}

/** The whole order (no shipments yet): every line at its ordered quantity. */
export function packingSlipView(source: OrderDocumentSource, locale: DocumentLocale): PackingSlipView {
  const { order } = source;
  return {
    ...base(source),
    shippingAddress: toAddress(order.shippingAddress),
    lines: order.lines.map((l) => ({ ...item(l, source, locale), quantity: l.quantity })),
    notes: order.notes,
    specialRequirements: order.specialRequirements,
  };
}
