import type { DocumentAddress, DocumentCustomer, DocumentLine, DocumentLocale, DocumentPaymentTerms } from './documents.js';
import { localName } from './documents.js';
import { countryName, formatMoney, formatNumber, formatPercent, localUnit, type Translate } from './documents.i18n.js';
import type { Column } from './pdf-writer.js';

/** An address as printed: recipient, company, street, city line, country in the document's language. */
export function addressLines(a: DocumentAddress | null | undefined, locale: DocumentLocale): string[] {
  if (!a) return [];
  const cityLine = locale === 'zh-CN' ? [a.region, a.city, a.postalCode].filter(Boolean).join(' ') : [[a.city, a.region].filter(Boolean).join(', '), a.postalCode].filter(Boolean).join(' ');
  return [a.company, a.name, a.line1, a.line2, cityLine, countryName(a.country, locale), a.phone].filter((l): l is string => !!l);
}

/** The customer and the billing address as one block, without printing the same name twice. */
export function billToLines(c: DocumentCustomer, address: DocumentAddress | null | undefined, locale: DocumentLocale, t: Translate): string[] {
  const names = new Set([c.name, c.legalName]);
  return [...customerLines(c, t), ...addressLines(address, locale).filter((l) => !names.has(l))];
}

export function customerLines(c: DocumentCustomer, t: Translate): string[] {
  return [c.name, c.legalName && c.legalName !== c.name ? c.legalName : null, c.taxId ? `${t('taxId')} ${c.taxId}` : null, c.email, c.phone ? `${t('phone')} ${c.phone}` : null].filter((l): l is string => !!l);
}

/** "Net 30 days", "In 3 instalments"… */
export function termsSummary(terms: DocumentPaymentTerms, t: Translate): string {
  switch (terms.method) {
    case 'prepaid':
      return t('terms.prepaid');
    case 'cod':
      return t('terms.cod');
    case 'net':
      return t('terms.net', { days: terms.netDays ?? 30 });
    case 'installments':
      return t('terms.installments', { count: terms.schedule?.length || terms.installments || 2 });
    default: {
      const never: never = terms.method;
      return never;
    }
  }
}

export const quantityText = (quantity: number, unit: string | null | undefined, locale: DocumentLocale) => `${formatNumber(quantity, locale)} ${localUnit(unit, locale)}`.trim();

/** The line table of documents with prices. */
export function pricedLineColumns(currency: string, locale: DocumentLocale, t: Translate): Column<DocumentLine>[] {
  const money = (m: number) => formatMoney(m, currency, locale);
  return [
    { header: t('col.number'), width: 0.05, text: (_, i) => String(i + 1) },
    { header: t('col.sku'), width: 0.16, text: (l) => l.sku },
    {
      header: t('col.description'),
      width: 0.32,
      text: (l) => localName(l, locale),
      sub: (l) => [l.description, l.discount ? t('discountOf', { amount: money(l.discount) }) : null].filter(Boolean).join(' · ') || null,
    },
    { header: t('col.quantity'), width: 0.1, align: 'right', text: (l) => quantityText(l.quantity, l.unit, locale) },
    { header: t('col.unitPrice'), width: 0.14, align: 'right', text: (l) => money(l.unitPrice) },
    { header: t('col.taxRate'), width: 0.08, align: 'right', text: (l) => formatPercent(l.taxRate, locale) },
    { header: t('col.amount'), width: 0.15, align: 'right', text: (l) => money(l.total) },
  ];
}

/** Subtotal, discount and shipping when there are any, tax, and the total. */
export function totalRows(totals: { subtotal: number; discount: number; shipping: number; tax: number; total: number }, currency: string, locale: DocumentLocale, t: Translate) {
  const money = (m: number) => formatMoney(m, currency, locale);
  return [
    { label: t('subtotal'), value: money(totals.subtotal) },
    ...(totals.discount ? [{ label: t('discount'), value: money(-Math.abs(totals.discount)) }] : []),
    ...(totals.shipping ? [{ label: t('shipping'), value: money(totals.shipping) }] : []),
    { label: t('tax'), value: money(totals.tax) },
    { label: t('total'), value: money(totals.total), strong: true },
  ];
}
