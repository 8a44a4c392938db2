import type { DocumentLocale } from './documents.js';
import { dateTimeFormat, numberFormat } from '../../platform/intl.js';

/** Every label the documents print, in English and Simplified Chinese (same keys: a test checks). */
const en = {
  'title.confirmation': 'Order confirmation',
  'title.invoice': 'Invoice',
  'title.packingSlip': 'Packing slip',
  continued: '(continued)',
  page: 'Page {page} of {pages}',
  invoiceNumber: 'Invoice no.',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  orderNumber: 'Order no.',
  orderDate: 'Order date',
  customerReference: 'Your reference',
  requestedDelivery: 'Requested delivery',
  promisedDelivery: 'Promised delivery',
  shipmentNumber: 'Shipment no.',
  shipDate: 'Ship date',
  carrier: 'Carrier',
  trackingNumber: 'Tracking no.',
  warehouse: 'Warehouse',
  packages: 'Packages',
  billTo: 'Bill to',
  shipTo: 'Ship to',
  customer: 'Customer',
  taxId: 'Tax ID',
  phone: 'Tel.',
  'col.number': '#',
  'col.sku': 'SKU',
  'col.description': 'Description',
  'col.quantity': 'Qty',
  'col.ordered': 'Ordered',
  'col.shipped': 'Shipped',
  'col.checked': 'Checked',
  'col.unitPrice': 'Unit price',
  'col.taxRate': 'Tax',
  'col.amount': 'Amount',
  discountOf: 'Discount {amount}',
  subtotal: 'Subtotal',
  discount: 'Discount',
  shipping: 'Shipping',
  tax: 'Tax',
  total: 'Total',
  amountPaid: 'Paid',
  balanceDue: 'Balance due',
  taxBreakdown: 'Tax breakdown',
  'tax.rate': 'Rate',
  'tax.base': 'Taxable amount',
  'tax.tax': 'Tax',
  paymentTerms: 'Payment terms',
  'terms.prepaid': 'Payment in advance',
  'terms.cod': 'Cash on delivery: payable when the goods are delivered',
  'terms.net': 'Net {days} days',
  'terms.installments': 'In {count} instalments',
  instalment: 'Instalment',
  bankDetails: 'Bank details',
  bankName: 'Bank',
  bankAccount: 'Account',
  iban: 'IBAN',
  swift: 'SWIFT/BIC',
  notes: 'Notes',
  specialRequirements: 'Special requirements',
  confirmationIntro: 'Thank you for your order. Please check the details below and tell us at once if anything is not as you expect.',
  packingIntro: 'Please check the goods against this list on delivery and note any damage or shortfall before signing.',
  receivedBy: 'Received by',
  signature: 'Signature',
  date: 'Date',
  totalQuantity: 'Total quantity',
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  'title.confirmation': '订单确认书',
  'title.invoice': '发票',
  'title.packingSlip': '装箱单',
  continued: '（续）',
  page: '第 {page} 页，共 {pages} 页',
  invoiceNumber: '发票号码',
  issueDate: '开票日期',
  dueDate: '到期日',
  orderNumber: '订单号',
  orderDate: '下单日期',
  customerReference: '客户参考号',
  requestedDelivery: '要求交货日期',
  promisedDelivery: '承诺交货日期',
  shipmentNumber: '发货单号',
  shipDate: '发货日期',
  carrier: '承运商',
  trackingNumber: '运单号',
  warehouse: '发货仓库',
  packages: '件数',
  billTo: '开票信息',
  shipTo: '收货地址',
  customer: '客户',
  taxId: '税号',
  phone: '电话',
  'col.number': '序号',
  'col.sku': '货号',
  'col.description': '品名',
  'col.quantity': '数量',
  'col.ordered': '订购数量',
  'col.shipped': '发货数量',
  'col.checked': '核对',
  'col.unitPrice': '单价',
  'col.taxRate': '税率',
  'col.amount': '金额',
  discountOf: '折扣 {amount}',
  subtotal: '小计',
  discount: '折扣',
  shipping: '运费',
  tax: '税额',
  total: '合计',
  amountPaid: '已付',
  balanceDue: '应付余额',
  taxBreakdown: '税额明细',
  'tax.rate': '税率',
  'tax.base': '计税金额',
  'tax.tax': '税额',
  paymentTerms: '付款条件',
  'terms.prepaid': '预付款',
  'terms.cod': '货到付款：货物送达时付款',
  'terms.net': '开票后 {days} 天内付款',
  'terms.installments': '分 {count} 期付款',
  instalment: '期数',
  bankDetails: '银行信息',
  bankName: '开户银行',
  bankAccount: '账号',
  iban: 'IBAN',
  swift: 'SWIFT/BIC',
  notes: '备注',
  specialRequirements: '特殊要求',
  confirmationIntro: '感谢您的订购。请核对以下信息，如有不符请及时与我们联系。',
  packingIntro: '收货时请按本单清点货物，如有破损或短缺，请在签收前注明。',
  receivedBy: '签收人',
  signature: '签名',
  date: '日期',
  totalQuantity: '总数量',
};

export const MESSAGES: Record<DocumentLocale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The catalogue of one language; `{name}` placeholders are filled from `values`. */
export function translator(locale: DocumentLocale): Translate {
  const messages = MESSAGES[locale];
  return (key, values = {}) => messages[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** Units as catalogs write them, in Chinese; others print as they are. */
const UNITS_ZH: Record<string, string> = { pcs: '件', pc: '件', set: '套', sets: '套', box: '箱', boxes: '箱', kg: '千克', g: '克', m: '米', roll: '卷', pair: '双', pack: '包' };

export const localUnit = (unit: string | null | undefined, locale: DocumentLocale) => (unit ? (locale === 'zh-CN' ? (UNITS_ZH[unit.toLowerCase()] ?? unit) : unit) : '');

/** The Intl locale for a document language: British English (day month year) or Chinese. */
const intlLocale = (locale: DocumentLocale) => (locale === 'zh-CN' ? 'zh-CN' : 'en-GB');

const digitsCache = new Map<string, number>();
/** ISO 4217 minor-unit digits (2 for CNY, 0 for JPY), as Intl knows them. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** `123450` CNY → `¥1,234.50` (zh-CN) or `CN¥1,234.50` (en). */
export function formatMoney(minor: number, currency: string, locale: DocumentLocale): string {
  return numberFormat(intlLocale(locale), { style: 'currency', currency }).format(minor / 10 ** currencyDigits(currency));
}

export const formatNumber = (n: number, locale: DocumentLocale) => numberFormat(intlLocale(locale), { maximumFractionDigits: 3 }).format(n);

/** `13.5` → `13.5%` (en) / `13.5%` (zh-CN). */
export const formatPercent = (percent: number, locale: DocumentLocale) => numberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);

/** `2026-11-22` → `22 Nov 2026` / `2026年11月22日`; a timestamp prints its UTC date. */
export function formatDate(date: string, locale: DocumentLocale): string {
  const d = new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(d.getTime())) return date;
  return dateTimeFormat(intlLocale(locale), { year: 'numeric', month: locale === 'zh-CN' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

/** `CN` → `China` / `中国`. */
export function countryName(code: string, locale: DocumentLocale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
