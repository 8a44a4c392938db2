import { demoLogoPng } from '../../settings/index.js';
import type { DocumentCompany, DocumentLine, InvoiceView, OrderConfirmationView, PackingSlipView } from '../documents.js';

export const company: DocumentCompany = {
  name: 'OrderCare Demo Trading Co., Ltd.',
  nameZh: '演示贸易有限公司',
  legalName: 'OrderCare Demo Trading Co., Ltd.',
  addressLine1: 'Room 1208, Tower B, 88 Century Avenue',
  addressLine2: 'Pudong New Area',
  city: 'Shanghai',
  postalCode: '200120',
  country: 'CN',
  phone: '+86 21 6888 1234',
  email: 'billing@ordercare-demo.example.cn',
  website: 'www.ordercare-demo.example.cn',
  taxId: '91310115MA1K4DEMO8',
  bankName: 'Bank of China, Shanghai Pudong Branch',
  bankAccount: 'OrderCare Demo Trading Co., Ltd. · 4563 5912 0087 6543',
  bankSwift: 'BKCHCNBJ300',
  paymentTermsEn: 'Please pay by bank transfer quoting the invoice number.',
  paymentTermsZh: '请通过银行转账付款，并注明发票号码。',
  invoiceFooterEn: 'Thank you for your business.',
  invoiceFooterZh: '感谢您的惠顾。',
  logo: { mimeType: 'image/png', data: demoLogoPng() },
};

/** A line with its net total and tax, as the orders module would compute them. */
export function line(sku: string, name: string, nameZh: string | null, quantity: number, unitPrice: number, taxRate: number, extra: Partial<DocumentLine> = {}): DocumentLine {
  const total = quantity * unitPrice - (extra.discount ?? 0);
  return { sku, name, nameZh, quantity, unit: 'pcs', unitPrice, taxRate, taxAmount: Math.round((total * taxRate) / 100), total, ...extra };
}

export function totalsOf(lines: DocumentLine[], shipping = 0, discount = 0) {
  const subtotal = lines.reduce((s, l) => s + l.total, 0);
  const tax = lines.reduce((s, l) => s + (l.taxAmount ?? 0), 0);
  return { subtotal, discount, shipping, tax, total: subtotal - discount + shipping + tax };
}

const zhLines = [
  line('BOLT-M8-30', 'Hex bolt M8×30, zinc plated', '镀锌六角螺栓 M8×30', 2000, 120, 13, { description: 'GB/T 5783, 8.8 级' }),
  line('MTR-Y2-90L-4', 'Three-phase motor 1.5 kW', '三相异步电动机 1.5 千瓦', 4, 98000, 13, { discount: 12000, description: 'Y2-90L-4 · 380 V 50 Hz' }),
  line('BRG-6204-2RS', 'Deep groove ball bearing 6204-2RS', '深沟球轴承 6204-2RS', 150, 850, 9),
];

const zhCustomer = { name: '上海华东机械有限公司', taxId: '91310000MA1FL8XQ2B', email: 'purchasing@hdjx.example.cn', phone: '+86 21 6234 5678' };
const zhShipping = { name: '陈建国', company: '上海华东机械有限公司', line1: '嘉定区工业园区 12 号仓库', city: '上海', postalCode: '201800', country: 'CN', phone: '+86 139 1234 5678' };
const zhBilling = { name: '上海华东机械有限公司', line1: '浦东新区张江路 88 号', city: '上海', postalCode: '201203', country: 'CN' };

const enLines = [
  line('22423', 'Regency cakestand 3 tier', null, 12, 1275, 20),
  line('85123A', 'White hanging heart T-light holder', null, 64, 295, 20, { description: 'Boxed in sixes' }),
  line('21754', 'Home building block word', null, 10, 595, 0),
];
const enCustomer = { name: 'Acme Industrial Supplies Ltd', legalName: 'Acme Industrial Supplies Limited', taxId: 'GB123456789', email: 'orders@acme-industrial.example.co.uk' };
const enAddress = { name: 'Sarah Thompson', company: 'Acme Industrial Supplies Ltd', line1: '14 Trafford Park Road', city: 'Manchester', postalCode: 'M17 1HH', country: 'GB' };

export const zhInvoice: InvoiceView = {
  company,
  invoiceNumber: 'INV-2026-000042',
  issueDate: '2026-11-22',
  orderNumber: 'SO-000123',
  orderDate: '2026-11-20',
  customerReference: 'PO-HD-7781',
  currency: 'CNY',
  customer: zhCustomer,
  billingAddress: zhBilling,
  shippingAddress: zhShipping,
  lines: zhLines,
  totals: totalsOf(zhLines, 5000),
  paymentTerms: { method: 'installments', installments: 3 },
  amountPaid: 100000,
};

export const enInvoice: InvoiceView = {
  company,
  invoiceNumber: 'INV-2026-000043',
  issueDate: '2026-11-22',
  orderNumber: 'SO-000124',
  orderDate: '2026-11-21',
  currency: 'GBP',
  customer: enCustomer,
  billingAddress: enAddress,
  shippingAddress: enAddress,
  lines: enLines,
  totals: totalsOf(enLines, 895),
  paymentTerms: { method: 'net', netDays: 30 },
};

export const zhConfirmation: OrderConfirmationView = {
  company,
  orderNumber: 'SO-000123',
  orderDate: '2026-11-20',
  customerReference: 'PO-HD-7781',
  currency: 'CNY',
  customer: zhCustomer,
  billingAddress: zhBilling,
  shippingAddress: zhShipping,
  lines: zhLines,
  totals: totalsOf(zhLines, 5000),
  paymentTerms: { method: 'installments', installments: 3 },
  requestedDeliveryDate: '2026-12-01',
  promisedDeliveryDate: '2026-12-03',
  specialRequirements: '电机需单独木箱包装，防潮处理。',
  notes: '请在工作日 9:00–17:00 送货。',
};

export const enConfirmation: OrderConfirmationView = {
  company,
  orderNumber: 'SO-000124',
  orderDate: '2026-11-21',
  currency: 'GBP',
  customer: enCustomer,
  billingAddress: enAddress,
  shippingAddress: enAddress,
  lines: enLines,
  totals: totalsOf(enLines, 895),
  paymentTerms: { method: 'net', netDays: 30 },
  requestedDeliveryDate: '2026-12-01',
};

const packing = (lines: DocumentLine[]) => lines.map(({ sku, name, nameZh, description, quantity, unit }) => ({ sku, name, nameZh, description, quantity, unit }));

export const zhPackingSlip: PackingSlipView = {
  company,
  orderNumber: 'SO-000123',
  orderDate: '2026-11-20',
  shipmentNumber: 'SHP-000077',
  shipDate: '2026-11-25',
  carrier: '顺丰速运',
  trackingNumber: 'SF1234567890',
  warehouse: 'SH-01 上海仓',
  packages: 3,
  customer: zhCustomer,
  shippingAddress: zhShipping,
  lines: packing(zhLines).map((l, i) => (i === 0 ? { ...l, quantity: 1500, orderedQuantity: 2000 } : l)),
  specialRequirements: '电机需单独木箱包装，防潮处理。轻拿轻放！',
  notes: '请在工作日 9:00–17:00 送货，到货前请致电陈先生。',
};

export const enPackingSlip: PackingSlipView = {
  company,
  orderNumber: 'SO-000124',
  orderDate: '2026-11-21',
  shipDate: '2026-11-24',
  carrier: 'DPD',
  trackingNumber: '15501234567890',
  warehouse: 'LON',
  customer: enCustomer,
  shippingAddress: enAddress,
  lines: packing(enLines),
  specialRequirements: 'Fragile: glass holders. Deliver to the loading bay at the rear of the building.',
};

/** An order of `n` lines, to make documents run over several pages. */
export function manyLines(n: number): DocumentLine[] {
  return Array.from({ length: n }, (_, i) =>
    line(`SKU-${String(i + 1).padStart(4, '0')}`, `Spare part number ${i + 1}${i % 7 === 0 ? ' with a long description that wraps onto a second line of the table cell' : ''}`, `备件 ${i + 1} 号`, 1 + (i % 9), 1000 + i * 37, i % 3 === 0 ? 9 : 13),
  );
}
