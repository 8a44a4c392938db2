import { localName, type DocumentLocale, type PackingSlipLine, type PackingSlipView } from './documents.js';
import { formatDate, formatNumber, MESSAGES, translator } from './documents.i18n.js';
import { COLOR, companyName, CONTENT_W, LEFT, PdfWriter, type Column } from './pdf-writer.js';
import { addressLines, quantityText } from './render-common.js';

/**
 * The packing slip / delivery note: no prices. What is in the shipment (SKU, name in the
 * customer's language, quantity), where it goes, the special requirements and notes in a box
 * above the lines, and a signature area labelled in both languages.
 */
export async function renderPackingSlip(vm: PackingSlipView, locale: DocumentLocale): Promise<Buffer> {
  const t = translator(locale);
  const date = (d: string) => formatDate(d, locale);
  const c = vm.company;
  const footer = [companyName(c, locale), c.phone, c.email].filter(Boolean).join(' · ');
  const w = new PdfWriter(locale, { title: t('title.packingSlip'), number: vm.shipmentNumber ?? vm.orderNumber, company: c, footer });

  const optional = (label: string, value: string | null | undefined): [string, string][] => (value ? [[label, value]] : []);
  w.header([
    [t('orderNumber'), vm.orderNumber],
    [t('orderDate'), date(vm.orderDate)],
    ...optional(t('shipmentNumber'), vm.shipmentNumber),
    ...optional(t('shipDate'), vm.shipDate && date(vm.shipDate)),
    ...optional(t('carrier'), vm.carrier),
    ...optional(t('trackingNumber'), vm.trackingNumber),
    ...optional(t('warehouse'), vm.warehouse),
    ...optional(t('packages'), vm.packages ? formatNumber(vm.packages, locale) : null),
    ...optional(t('customerReference'), vm.customerReference),
  ]);
  w.blocks([
    { title: t('shipTo'), lines: addressLines(vm.shippingAddress, locale), strong: true },
    { title: t('customer'), lines: [vm.customer.name, vm.customer.phone ? `${t('phone')} ${vm.customer.phone}` : '', vm.customer.email ?? ''].filter(Boolean) },
  ]);
  w.callout([
    { title: t('specialRequirements'), text: vm.specialRequirements ?? '' },
    { title: t('notes'), text: vm.notes ?? '' },
  ]);

  const partial = vm.lines.some((l) => l.orderedQuantity != null && l.orderedQuantity !== l.quantity);
  const columns: Column<PackingSlipLine>[] = [
    { header: t('col.number'), width: 0.06, text: (_, i) => String(i + 1) },
    { header: t('col.sku'), width: 0.2, text: (l) => l.sku },
    { header: t('col.description'), width: partial ? 0.38 : 0.5, text: (l) => localName(l, locale), sub: (l) => l.description },
    ...(partial ? [{ header: t('col.ordered'), width: 0.12, align: 'right' as const, text: (l: PackingSlipLine) => quantityText(l.orderedQuantity ?? l.quantity, l.unit, locale) }] : []),
    { header: t('col.shipped'), width: 0.14, align: 'right', bold: true, text: (l) => quantityText(l.quantity, l.unit, locale) },
    { header: t('col.checked'), width: 0.1, align: 'center', checkbox: true, text: () => '' },
  ];
  w.table(columns, vm.lines);
  w.summary([{ label: t('totalQuantity'), value: formatNumber(vm.lines.reduce((n, l) => n + l.quantity, 0), locale), strong: true }], 200);

  // Signature area, labelled in both languages (couriers and receivers may read either).
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const both = (key: 'receivedBy' | 'signature' | 'date') => `${t(key)} / ${MESSAGES[other][key]}`;
  w.paragraph(t('packingIntro'), { size: 8, color: COLOR.muted });
  w.ensure(72);
  w.y += 40;
  const third = (CONTENT_W - 40) / 3;
  (['receivedBy', 'signature', 'date'] as const).forEach((key, i) => {
    const x = LEFT + i * (third + 20);
    w.doc.moveTo(x, w.y).lineTo(x + third, w.y).lineWidth(0.8).strokeColor(COLOR.text).stroke();
    w.textAt(both(key), x, w.y + 4, third, { size: 8.5, color: COLOR.muted });
  });
  w.y += 24;
  return w.finish();
}
