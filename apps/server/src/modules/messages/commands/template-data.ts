import type { Customer, Locale, Order } from '@ordercare/contracts';
import { memoIn, type Executor } from '../../../platform/db/index.js';
import { getCustomer } from '../../customers/index.js';
import { getOrder } from '../../orders/index.js';
import { getCompanySettings } from '../../settings/index.js';
import { numberFormat } from '../../../platform/intl.js';

const STATUS_LABELS: Record<string, [string, string]> = {
  placed: ['placed', '已下单'],
  confirmed: ['confirmed', '已确认'],
  in_production: ['in production', '生产中'],
  quality_check: ['in quality check', '质检中'],
  ready_to_ship: ['ready to ship', '待发货'],
  partially_shipped: ['partially shipped', '部分发货'],
  shipped: ['shipped', '已发货'],
  delivered: ['delivered', '已送达'],
  completed: ['completed', '已完成'],
  cancelled: ['cancelled', '已取消'],
  on_hold: ['on hold', '暂停中'],
  in_transit: ['in transit', '运输中'],
  out_for_delivery: ['out for delivery', '派送中'],
  exception: ['delayed by a delivery exception', '派送异常'],
};

export function statusLabel(status: string, locale: Locale): string {
  const labels = STATUS_LABELS[status];
  return labels ? labels[locale === 'zh-CN' ? 1 : 0] : status;
}

/** The currency format of a locale and its minor-unit digits, by `locale|currency` (every message formats several amounts). */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; scale: number }>();

/** Money in minor units as the customer reads it (`CNY 1,234.50` / `¥1,234.50`). */
export function formatMoney(minor: unknown, currency: unknown, locale: Locale): string | null {
  if (typeof minor !== 'number' || typeof currency !== 'string') return null;
  try {
    const key = `${locale}|${currency}`;
    let money = moneyFormats.get(key);
    if (!money) {
      const format = numberFormat(locale, { style: 'currency', currency });
      money = { format, scale: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
      if (moneyFormats.size >= 200) moneyFormats.clear();
      moneyFormats.set(key, money);
    }
    return money.format.format(minor / money.scale);
  } catch {
    return `${currency} ${(minor / 100).toFixed(2)}`;
  }
}

export interface TemplateDataInput {
  customerId: string;
  orderId: string | null;
  locale: Locale;
  /** Event data: shipment, change, payment, case, status. */
  extra?: Record<string, unknown>;
  publicUrl: string | undefined;
}

export interface TemplateData {
  data: Record<string, unknown>;
  customer: Customer | undefined;
  order: Order | undefined;
}

/** The variables a template sees: plain data only, money already formatted in the message's language. */
export async function templateData(db: Executor, input: TemplateDataInput): Promise<TemplateData> {
  const [customer, order, company] = await Promise.all([getCustomer(db, input.customerId), input.orderId ? getOrder(db, input.orderId) : Promise.resolve(undefined), memoIn(db, 'company_settings', () => getCompanySettings(db))]);
  const { locale } = input;
  const money = (minor: unknown) => formatMoney(minor, order?.currency, locale);
  const extra = input.extra ?? {};
  const change = extra.change as { totalBefore?: unknown; totalAfter?: unknown; currency?: unknown } | undefined;
  const payment = extra.payment as { amountOverdue?: unknown; dueDate?: unknown } | undefined;
  const shipment = (extra.shipment ?? {}) as Record<string, unknown>;
  const data: Record<string, unknown> = {
    customer: { name: customer?.name ?? '', email: customer?.email ?? null },
    company: { name: (locale === 'zh-CN' ? company.nameZh : null) ?? company.name, email: company.email, phone: company.phone, website: company.website },
    portalUrl: input.publicUrl ? `${input.publicUrl.replace(/\/$/, '')}/portal` : null,
    order: order
      ? {
          number: order.number,
          status: order.status,
          statusLabel: statusLabel(typeof extra.status === 'string' ? extra.status : order.status, locale),
          total: money(order.totals.total),
          currency: order.currency,
          balanceDue: money(order.balanceDue),
          requestedDeliveryDate: order.requestedDeliveryDate,
          promisedDeliveryDate: order.promisedDeliveryDate,
          lines: order.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, total: money(l.total) })),
        }
      : null,
    shipment: { ...shipment, statusLabel: typeof shipment.status === 'string' ? statusLabel(shipment.status, locale) : null },
    change: change ? { totalBefore: formatMoney(change.totalBefore, change.currency, locale), totalAfter: formatMoney(change.totalAfter, change.currency, locale) } : null,
    payment: payment ? { amountOverdue: money(payment.amountOverdue), dueDate: payment.dueDate ?? null } : null,
    case: extra.case ?? null,
  };
  return { data, customer, order };
}
