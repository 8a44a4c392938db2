import { paymentSchedule, taxBreakdown, type DocumentLocale, type InvoiceView, type TaxBreakdownRow } from './documents.js';
import { formatDate, formatMoney, formatPercent, translator } from './documents.i18n.js';
import { companyName, PdfWriter } from './pdf-writer.js';
import { addressLines, billToLines, pricedLineColumns, termsSummary, totalRows } from './render-common.js';

/**
 * The invoice: number, issue and due dates, the lines, totals (with the balance after payments),
 * the tax breakdown by rate, payment terms with the instalment schedule, and bank details.
 */
export async function renderInvoice(vm: InvoiceView, locale: DocumentLocale): Promise<Buffer> {
  const t = translator(locale);
  const money = (m: number) => formatMoney(m, vm.currency, locale);
  const date = (d: string) => formatDate(d, locale);
  const c = vm.company;
  const footer = (locale === 'zh-CN' ? c.invoiceFooterZh : c.invoiceFooterEn) ?? [companyName(c, locale), c.email].filter(Boolean).join(' · ');
  const w = new PdfWriter(locale, { title: t('title.invoice'), number: vm.invoiceNumber, company: c, footer });

  const schedule = paymentSchedule(vm.paymentTerms, vm.issueDate, vm.totals.total);
  const due: [string, string][] = schedule.length === 1 ? [[t('dueDate'), date(schedule[0]!.dueDate)]] : [];
  w.header([
    [t('invoiceNumber'), vm.invoiceNumber],
    [t('issueDate'), date(vm.issueDate)],
    ...due,
    [t('orderNumber'), vm.orderNumber],
    [t('orderDate'), date(vm.orderDate)],
    ...(vm.customerReference ? ([[t('customerReference'), vm.customerReference]] as [string, string][]) : []),
  ]);
  w.blocks([
    { title: t('billTo'), lines: billToLines(vm.customer, vm.billingAddress, locale, t) },
    ...(vm.shippingAddress ? [{ title: t('shipTo'), lines: addressLines(vm.shippingAddress, locale) }] : []),
  ]);

  w.table(pricedLineColumns(vm.currency, locale, t), vm.lines);
  const paid = vm.amountPaid ?? 0;
  w.summary([
    ...totalRows(vm.totals, vm.currency, locale, t),
    ...(paid ? [{ label: t('amountPaid'), value: money(-paid) }, { label: t('balanceDue'), value: money(vm.totals.total - paid), strong: true }] : []),
  ]);

  const breakdown: TaxBreakdownRow[] = vm.taxBreakdown ?? taxBreakdown(vm.lines);
  if (breakdown.length) {
    w.heading(t('taxBreakdown'));
    w.table<TaxBreakdownRow>(
      [
        { header: t('tax.rate'), width: 0.4, text: (r) => formatPercent(r.rate, locale) },
        { header: t('tax.base'), width: 0.3, align: 'right', text: (r) => money(r.base) },
        { header: t('tax.tax'), width: 0.3, align: 'right', text: (r) => money(r.tax) },
      ],
      breakdown,
    );
  }

  w.heading(t('paymentTerms'));
  w.paragraph(termsSummary(vm.paymentTerms, t), { size: 9.5, bold: true }, 3);
  if (schedule.length > 1) {
    w.table(
      [
        { header: t('instalment'), width: 0.4, text: (_, i) => `${i + 1} / ${schedule.length}` },
        { header: t('dueDate'), width: 0.3, text: (s) => date(s.dueDate) },
        { header: t('col.amount'), width: 0.3, align: 'right', text: (s) => money(s.amount) },
      ],
      schedule,
    );
  }
  w.paragraph((locale === 'zh-CN' ? c.paymentTermsZh : c.paymentTermsEn) ?? '', { size: 9 });

  const bank = [
    c.bankName && `${t('bankName')}: ${c.bankName}`,
    c.bankAccount && `${t('bankAccount')}: ${c.bankAccount}`,
    c.bankIban && `${t('iban')}: ${c.bankIban}`,
    c.bankSwift && `${t('swift')}: ${c.bankSwift}`,
  ].filter(Boolean);
  if (bank.length) {
    w.heading(t('bankDetails'), 14 * bank.length);
    w.paragraph(bank.join('\n'), { size: 9 });
  }
  if (vm.notes) {
    w.heading(t('notes'));
    w.paragraph(vm.notes, { size: 9 });
  }
  return w.finish();
}
