import type { DocumentLocale, OrderConfirmationView } from './documents.js';
import { formatDate, translator } from './documents.i18n.js';
import { companyName, PdfWriter } from './pdf-writer.js';
import { addressLines, billToLines, pricedLineColumns, termsSummary, totalRows } from './render-common.js';

/** The order confirmation: what was ordered at which prices, delivery dates, terms and requirements. */
export async function renderOrderConfirmation(vm: OrderConfirmationView, locale: DocumentLocale): Promise<Buffer> {
  const t = translator(locale);
  const date = (d: string) => formatDate(d, locale);
  const c = vm.company;
  const footer = [companyName(c, locale), c.phone, c.email, c.website].filter(Boolean).join(' · ');
  const w = new PdfWriter(locale, { title: t('title.confirmation'), number: vm.orderNumber, company: c, footer });

  const optional = (label: string, value: string | null | undefined): [string, string][] => (value ? [[label, value]] : []);
  w.header([
    [t('orderNumber'), vm.orderNumber],
    [t('orderDate'), date(vm.orderDate)],
    ...optional(t('customerReference'), vm.customerReference),
    ...optional(t('requestedDelivery'), vm.requestedDeliveryDate && date(vm.requestedDeliveryDate)),
    ...optional(t('promisedDelivery'), vm.promisedDeliveryDate && date(vm.promisedDeliveryDate)),
  ]);
  w.paragraph(t('confirmationIntro'), { size: 9, color: '#374151' }, 10);
  w.blocks([
    { title: t('billTo'), lines: billToLines(vm.customer, vm.billingAddress, locale, t) },
    ...(vm.shippingAddress ? [{ title: t('shipTo'), lines: addressLines(vm.shippingAddress, locale) }] : []),
  ]);
  w.callout([
    { title: t('specialRequirements'), text: vm.specialRequirements ?? '' },
    { title: t('notes'), text: vm.notes ?? '' },
  ]);

  w.table(pricedLineColumns(vm.currency, locale, t), vm.lines);
  w.summary(totalRows(vm.totals, vm.currency, locale, t));
  if (vm.paymentTerms) {
    w.heading(t('paymentTerms'), 14);
    w.paragraph(termsSummary(vm.paymentTerms, t), { size: 9.5 });
  }
  return w.finish();
}
