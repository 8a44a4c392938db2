import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderInvoice, renderOrderConfirmation, renderPackingSlip } from '../index.js';
import { FONT_NAMES } from '../fonts.js';
import { company, enConfirmation, enInvoice, enPackingSlip, manyLines, totalsOf, zhConfirmation, zhInvoice, zhPackingSlip } from './fixtures.js';

/** The text of each page, as a PDF reader extracts it (through the fonts' ToUnicode maps). */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await doc.destroy();
  return pages;
}
const textOf = async (pdf: Buffer) => (await pagesOf(pdf)).join(' ');

describe('invoice', () => {
  it('renders an English invoice: number, dates, totals, tax breakdown, terms and bank details', async () => {
    const text = await textOf(await renderInvoice(enInvoice, 'en'));
    for (const s of ['Invoice', 'INV-2026-000043', 'Issue date', '22 Nov 2026', 'Due date', '22 Dec 2026', 'SO-000124', 'Regency cakestand 3 tier', '£12.75', '£478.61', 'Tax breakdown', '£341.80', '£68.36', 'Net 30 days', 'Please pay by bank transfer quoting the invoice number.', 'SWIFT/BIC: BKCHCNBJ300', 'OrderCare Demo Trading Co., Ltd.', 'Thank you for your business.', 'Page 1 of 1']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('发票');
    expect(text).not.toContain('演示贸易有限公司');
  });

  it('renders a Chinese invoice in Chinese: product names, amounts in yuan, the instalment schedule and the balance', async () => {
    const text = await textOf(await renderInvoice(zhInvoice, 'zh-CN'));
    for (const s of ['发票', '发票号码', 'INV-2026-000042', '2026年11月22日', '演示贸易有限公司', '上海华东机械有限公司', '镀锌六角螺栓 M8×30', '三相异步电动机 1.5 千瓦', '2,000 件', '¥2,400.00', '折扣 ¥120.00', '合计', '¥8,445.75', '已付', '应付余额', '¥7,445.75', '税额明细', '¥806.00', '分 3 期付款', '期数 到期日 金额', '2026年12月22日', '2027年1月21日', '¥2,815.25', '开户银行', '请通过银行转账付款，并注明发票号码。', '感谢您的惠顾。']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('Hex bolt');
  });
});

describe('order confirmation', () => {
  it('renders in English and in Chinese with delivery dates, requirements and totals', async () => {
    const en = await textOf(await renderOrderConfirmation(enConfirmation, 'en'));
    for (const s of ['Order confirmation', 'SO-000124', 'Requested delivery', '1 Dec 2026', 'White hanging heart T-light holder', 'Boxed in sixes', '£478.61', 'Net 30 days']) expect(en).toContain(s);
    const zh = await textOf(await renderOrderConfirmation(zhConfirmation, 'zh-CN'));
    for (const s of ['订单确认书', '承诺交货日期', '2026年12月3日', '特殊要求', '电机需单独木箱包装，防潮处理。', '备注', '深沟球轴承 6204-2RS', '¥8,445.75', '分 3 期付款']) expect(zh).toContain(s);
  });
});

describe('packing slip', () => {
  it('lists quantities without prices, with requirements and a bilingual signature line', async () => {
    const zh = await textOf(await renderPackingSlip(zhPackingSlip, 'zh-CN'));
    for (const s of ['装箱单', 'SHP-000077', '顺丰速运', 'SF1234567890', '收货地址', '陈建国', '嘉定区工业园区 12 号仓库', '特殊要求', '轻拿轻放', '请在工作日 9:00–17:00 送货', '镀锌六角螺栓 M8×30', '订购数量', '2,000 件', '1,500 件', '总数量', '签收人 / Received by']) expect(zh).toContain(s);
    expect(zh).not.toMatch(/¥|980/);
    const en = await textOf(await renderPackingSlip(enPackingSlip, 'en'));
    for (const s of ['Packing slip', 'Ship to', '14 Trafford Park Road', 'Manchester M17 1HH', 'United Kingdom', 'Fragile: glass holders.', '64 pcs', 'Received by / 签收人']) expect(en).toContain(s);
    expect(en).not.toMatch(/£|Ordered/); // a complete shipment needs no ordered column
  });
});

describe('layout', () => {
  it('runs a 120-line order over several pages, repeating the table header and numbering pages', async () => {
    const lines = manyLines(120);
    const pages = await pagesOf(await renderInvoice({ ...enInvoice, lines, totals: totalsOf(lines) }, 'en'));
    expect(pages.length).toBeGreaterThan(1);
    const withLines = pages.filter((p) => p.includes('SKU-'));
    expect(withLines.length).toBeGreaterThan(1);
    for (const page of withLines) expect(page).toMatch(/SKU Description Qty Unit price Tax Amount/);
    for (const [i, page] of pages.entries()) expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(pages.slice(1).every((p) => p.includes('Invoice INV-2026-000043 (continued)'))).toBe(true);
    const all = pages.join(' ');
    for (let n = 1; n <= 120; n++) expect(all).toContain(`SKU-${String(n).padStart(4, '0')}`);

    const slip = await pagesOf(await renderPackingSlip({ ...zhPackingSlip, lines: lines.map(({ sku, name, nameZh, quantity }) => ({ sku, name, nameZh, quantity })) }, 'zh-CN'));
    expect(slip.length).toBeGreaterThan(1);
    for (const page of slip.filter((p) => p.includes('SKU-'))) expect(page).toContain('货号 品名 发货数量 核对');
    expect(slip.at(-1)).toContain('签收人 / Received by');
  });

  it('embeds a subset of Noto Sans SC and stays small', async () => {
    const pdf = await renderInvoice(zhInvoice, 'zh-CN');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(new RegExp(`/[A-Z]{6}\\+${FONT_NAMES.regular}`));
    expect(raw).toMatch(new RegExp(`/[A-Z]{6}\\+${FONT_NAMES.bold}`));
    expect(raw).not.toContain('Helvetica');
    expect(pdf.length).toBeLessThan(300_000);
    const lines = manyLines(120);
    expect((await renderInvoice({ ...zhInvoice, lines, totals: totalsOf(lines) }, 'zh-CN')).length).toBeLessThan(300_000);
  });

  it('renders without a logo or lines, and leaves out a logo it cannot read instead of failing', async () => {
    const none = await textOf(await renderInvoice({ ...enInvoice, company: { ...company, logo: null } }, 'en'));
    expect(none).toContain('INV-2026-000043');
    const broken = await textOf(await renderInvoice({ ...enInvoice, company: { ...company, logo: { mimeType: 'image/png', data: Buffer.from('not a png') } } }, 'en'));
    expect(broken).toContain('INV-2026-000043');
    const empty = await textOf(await renderPackingSlip({ ...enPackingSlip, lines: [] }, 'en'));
    expect(empty).toContain('Total quantity');
  });
});
