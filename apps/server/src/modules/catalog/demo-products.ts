import type { CreateProductRequest } from '@ordercare/contracts';
import retail from './demo-products.json' with { type: 'json' };

type Demo = Omit<CreateProductRequest, 'taxRate' | 'unit' | 'active' | 'trackInventory' | 'allowBackorder' | 'makeToOrder'> & Partial<CreateProductRequest>;

const defaults = { taxRate: 0, unit: 'pcs', active: true, trackInventory: true, allowBackorder: false, makeToOrder: false };

/**
 * Industrial goods of a Chinese manufacturer-wholesaler (invented for the demo), priced in CNY
 * fen with 13 % VAT: bilingual names and specifications, one make-to-order product without stock
 * tracking and one sold by the metre that may be backordered.
 */
const INDUSTRIAL: Demo[] = [
  { sku: 'BOLT-M8-30', name: 'Hex bolt M8×30', nameZh: '六角螺栓 M8×30', model: 'DIN 933', specification: 'Grade 8.8 steel, zinc plated, full thread', specificationZh: '8.8 级碳钢，镀锌，全螺纹', unitPrice: 35, currency: 'CNY' },
  { sku: 'NUT-M8', name: 'Hex nut M8', nameZh: '六角螺母 M8', model: 'DIN 934', specification: 'Grade 8 steel, zinc plated', specificationZh: '8 级碳钢，镀锌', unitPrice: 12, currency: 'CNY' },
  { sku: 'BRG-6204-2RS', name: 'Deep groove ball bearing 6204-2RS', nameZh: '深沟球轴承 6204-2RS', model: '6204-2RS', specification: '20×47×14 mm, rubber seals both sides', specificationZh: '20×47×14 毫米，双面橡胶密封', unitPrice: 1850, currency: 'CNY' },
  { sku: 'MTR-Y2-90L-4', name: 'Three-phase induction motor 1.5 kW', nameZh: '三相异步电动机 1.5 千瓦', model: 'Y2-90L-4', specification: '380 V 50 Hz, 4 poles, 1400 rpm, IP55, B3 foot mounting', specificationZh: '380 伏 50 赫兹，4 极，1400 转/分，IP55，B3 底脚安装', unitPrice: 98000, currency: 'CNY' },
  { sku: 'VLV-Q41F-DN50', name: 'Flanged ball valve DN50 PN16', nameZh: '法兰球阀 DN50 PN16', model: 'Q41F-16C', specification: 'Cast steel WCB body, PTFE seats', specificationZh: '铸钢 WCB 阀体，聚四氟乙烯阀座', unitPrice: 46000, currency: 'CNY' },
  { sku: 'RED-RV63-30', name: 'Worm gear reducer RV63, ratio 30', nameZh: '蜗轮蜗杆减速机 RV63 速比 30', model: 'NMRV063', specification: 'Aluminium housing, hollow output shaft 25 mm', specificationZh: '铝合金壳体，空心输出轴 25 毫米', unitPrice: 52000, currency: 'CNY' },
  { sku: 'SNS-PT100-150', name: 'PT100 temperature sensor, 150 mm probe', nameZh: 'PT100 温度传感器 探杆 150 毫米', model: 'WZP-230', specification: '-50 to 300 °C, stainless steel 304, M20×1.5 thread', specificationZh: '-50 至 300 °C，304 不锈钢，M20×1.5 螺纹', unitPrice: 8600, currency: 'CNY' },
  { sku: 'FLT-HX-160', name: 'Hydraulic filter element', nameZh: '液压滤芯', model: 'HX-160×10', specification: '10 µm glass fibre, 160 L/min', specificationZh: '10 微米玻璃纤维，160 升/分', unitPrice: 12800, currency: 'CNY' },
  { sku: 'CBL-YJV-3X4', name: 'Power cable YJV 3×4 mm²', nameZh: '电力电缆 YJV 3×4 平方毫米', model: 'YJV-0.6/1kV', specification: 'Copper conductor, XLPE insulation, PVC sheath; sold by the metre', specificationZh: '铜芯，交联聚乙烯绝缘，聚氯乙烯护套；按米销售', unitPrice: 1450, currency: 'CNY', unit: 'm', allowBackorder: true },
  { sku: 'PMP-CDL4-10', name: 'Vertical multistage pump CDL4-10', nameZh: '立式多级离心泵 CDL4-10', model: 'CDL4-10', specification: 'Built to order: 4 m³/h, 10 stages, stainless steel 304', specificationZh: '按订单生产：4 立方米/时，10 级，304 不锈钢', unitPrice: 680000, currency: 'CNY', trackInventory: false, makeToOrder: true },
];

/**
 * The demo catalog: 40 best-selling items of the UK gift shop in the Online Retail II data set
 * (CC BY 4.0, see demo-products.json for the source and how they were chosen; GBP, 20 % VAT), and
 * the industrial goods above.
 */
export function demoProducts(): CreateProductRequest[] {
  const fromRetail: Demo[] = retail.products.map((p) => ({ sku: p.stockCode, name: p.name, unitPrice: p.unitPrice, currency: 'GBP', taxRate: 20 }));
  return [...fromRetail, ...INDUSTRIAL].map((p) => ({ ...defaults, ...p, taxRate: p.taxRate ?? (p.currency === 'CNY' ? 13 : 0) }));
}
