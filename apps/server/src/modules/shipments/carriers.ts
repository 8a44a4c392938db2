import type { Carrier } from '@ordercare/contracts';
import type { CarriersTable } from '../../platform/db/schema.js';

/** The placeholder of a tracking URL template. */
export const TRACKING_PLACEHOLDER = '{trackingNumber}';

/** The carrier's template with the tracking number filled in (URL-encoded); null without either. */
export function trackingUrl(template: string | null | undefined, trackingNumber: string | null | undefined): string | null {
  if (!template || !trackingNumber) return null;
  return template.split(TRACKING_PLACEHOLDER).join(encodeURIComponent(trackingNumber));
}

export function toCarrier(r: CarriersTable): Carrier {
  return { code: r.code, name: r.name, trackingUrlTemplate: r.tracking_url_template, active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Seeded on first start (demo data); staff edit them at /carriers. */
export const DEMO_CARRIERS: readonly { code: string; name: string; trackingUrlTemplate: string }[] = [
  { code: 'SF', name: 'SF Express', trackingUrlTemplate: 'https://www.sf-express.com/chn/en/waybill/waybill-detail/{trackingNumber}' },
  { code: 'EMS', name: 'China Post EMS', trackingUrlTemplate: 'https://www.ems.com.cn/queryList?mailNum={trackingNumber}' },
  { code: 'DHL', name: 'DHL Express', trackingUrlTemplate: 'https://www.dhl.com/cn-en/home/tracking.html?tracking-id={trackingNumber}' },
  { code: 'UPS', name: 'UPS', trackingUrlTemplate: 'https://www.ups.com/track?tracknum={trackingNumber}' },
];
