import PDFDocument from 'pdfkit';
import type { DocumentCompany, DocumentLocale } from './documents.js';
import { countryName, translator, type Translate } from './documents.i18n.js';
import { fontData, type FontWeight } from './fonts.js';

/** A4 in points, the margins, and the colours every document uses. */
const PAGE_W = 595.28;
const PAGE_H = 841.89;
export const LEFT = 48;
export const CONTENT_W = PAGE_W - 2 * LEFT;
const TOP = 40;
/** Where content continues on later pages, below the running header. */
const CONTINUED_TOP = 84;
/** Content stops here; the footer lives below. */
const BOTTOM = PAGE_H - 64;
export const COLOR = { text: '#1f2933', muted: '#6b7280', rule: '#d1d5db', band: '#f4f6f8', accent: '#0f766e', white: '#ffffff', callout: '#d97706', calloutFill: '#fff7ed', calloutText: '#b45309' } as const;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

export interface Column<R> {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  width: number;
  align?: 'left' | 'right' | 'center';
  text: (row: R, index: number) => string;
  /** A second, smaller line in the cell. */
  sub?: (row: R) => string | null | undefined;
  bold?: boolean;
  /** An empty box to tick by hand. */
  checkbox?: boolean;
}

/** The running header of continuation pages and the footer of every page. */
export interface DocumentFrame {
  title: string;
  number: string;
  company: DocumentCompany;
  /** Left of the page number on every page (e.g. the invoice footer). */
  footer: string;
}

/**
 * A thin layer over pdfkit that keeps the current position (`y`), breaks pages before content
 * that would not fit (repeating a table's header), and finishes with footers and page numbers.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly t: Translate;
  y = TOP;
  private readonly done: Promise<Buffer>;
  private style: Required<TextStyle> = { size: 9, bold: false, color: COLOR.text, align: 'left' };
  private repeatOnNewPage: (() => void) | undefined;

  constructor(
    readonly locale: DocumentLocale,
    readonly frame: DocumentFrame,
  ) {
    this.t = translator(locale);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: CONTINUED_TOP, bottom: PAGE_H - BOTTOM, left: LEFT, right: LEFT },
      bufferPages: true,
      font: '', // no Helvetica: every glyph comes from the embedded Noto Sans SC
      lang: locale,
      displayTitle: true,
      info: { Title: `${frame.title} ${frame.number}`, Author: companyName(frame.company, locale), Creator: 'OrderCare' },
    });
    const weights: FontWeight[] = ['regular', 'bold'];
    for (const w of weights) this.doc.registerFont(w, fontData(w));
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    // Pages added by pdfkit itself (a paragraph longer than the room left) get the header too.
    this.doc.on('pageAdded', () => this.runningHeader());
  }

  private apply(style: TextStyle = {}): Required<TextStyle> {
    this.style = { size: style.size ?? 9, bold: style.bold ?? false, color: style.color ?? COLOR.text, align: style.align ?? 'left' };
    this.doc.font(this.style.bold ? 'bold' : 'regular').fontSize(this.style.size).fillColor(this.style.color);
    return this.style;
  }

  /** Height of wrapped text in a box `width` wide. */
  measure(text: string, width: number, style: TextStyle = {}): number {
    if (!text) return 0;
    this.apply(style);
    return this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  /** Writes wrapped text at (x, y) and returns its height. Does not move `this.y`. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    if (!text) return 0;
    const s = this.apply(style);
    const height = this.doc.heightOfString(text, { width, lineGap: 1 });
    this.doc.text(text, x, y, { width, align: s.align, lineGap: 1 });
    return height;
  }

  /**
   * A paragraph across the content width at `y`, moving `y` below it. It starts here when its
   * first lines fit; pdfkit carries the rest onto the next page (with the running header).
   */
  paragraph(text: string, style: TextStyle = {}, gapAfter = 6): void {
    if (!text) return;
    this.ensure(Math.min(this.measure(text, CONTENT_W, style), 40));
    this.textAt(text, LEFT, this.y, CONTENT_W, style);
    this.y = this.doc.y + gapAfter; // on the page where the paragraph ended
  }

  /** A section heading, kept on the same page as the next `keepWith` points of content. */
  heading(text: string, keepWith = 40): void {
    this.ensure(16 + keepWith);
    this.textAt(text, LEFT, this.y, CONTENT_W, { size: 10, bold: true, color: COLOR.accent });
    this.y += 16;
  }

  rule(y = this.y, color: string = COLOR.rule): void {
    this.doc.moveTo(LEFT, y).lineTo(LEFT + CONTENT_W, y).lineWidth(0.6).strokeColor(color).stroke();
  }

  /** Starts a new page when `height` more points do not fit on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage(); // the pageAdded handler draws the running header
    this.y = CONTINUED_TOP;
    this.repeatOnNewPage?.();
  }

  private runningHeader(): void {
    const saved = { ...this.style };
    const { x, y } = this.doc;
    const top = TOP;
    this.textAt(companyName(this.frame.company, this.locale), LEFT, top, CONTENT_W / 2, { size: 9, bold: true });
    this.textAt(`${this.frame.title} ${this.frame.number} ${this.t('continued')}`, LEFT + CONTENT_W / 2, top, CONTENT_W / 2, { size: 9, color: COLOR.muted, align: 'right' });
    this.rule(top + 18);
    this.apply(saved);
    this.doc.x = x;
    this.doc.y = y;
  }

  /** A table whose header is repeated on every page it runs onto. */
  table<R>(columns: Column<R>[], rows: readonly R[]): void {
    const widths = columns.map((c) => c.width * CONTENT_W);
    const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const pad = 3.5;
    const headerHeight = Math.max(...columns.map((c, i) => this.measure(c.header, widths[i]! - 2 * pad, { size: 8, bold: true }))) + 2 * pad;
    const drawHeader = () => {
      this.doc.rect(LEFT, this.y, CONTENT_W, headerHeight).fill(COLOR.accent);
      columns.forEach((c, i) => this.textAt(c.header, xs[i]! + pad, this.y + pad, widths[i]! - 2 * pad, { size: 8, bold: true, color: COLOR.white, align: c.align ?? 'left' }));
      this.y += headerHeight;
    };
    const rowHeightOf = (row: R, index: number) =>
      Math.max(
        ...columns.map((c, i) => {
          const w = widths[i]! - 2 * pad;
          const sub = c.sub?.(row);
          return this.measure(c.text(row, index), w, { size: 8.5, bold: c.bold ?? false }) + (sub ? this.measure(sub, w, { size: 7.5 }) + 1 : 0);
        }),
      ) + 2 * pad;

    this.ensure(headerHeight + (rows.length ? rowHeightOf(rows[0]!, 0) : 0));
    drawHeader();
    this.repeatOnNewPage = drawHeader;
    rows.forEach((row, index) => {
      const height = rowHeightOf(row, index);
      this.ensure(height);
      if (index % 2 === 1) this.doc.rect(LEFT, this.y, CONTENT_W, height).fill(COLOR.band);
      columns.forEach((c, i) => {
        const w = widths[i]! - 2 * pad;
        if (c.checkbox) this.doc.rect(xs[i]! + widths[i]! / 2 - 5, this.y + pad, 10, 10).lineWidth(0.8).strokeColor(COLOR.text).stroke();
        const used = this.textAt(c.text(row, index), xs[i]! + pad, this.y + pad, w, { size: 8.5, bold: c.bold ?? false, align: c.align ?? 'left' });
        const sub = c.sub?.(row);
        if (sub) this.textAt(sub, xs[i]! + pad, this.y + pad + used + 1, w, { size: 7.5, color: COLOR.muted, align: c.align ?? 'left' });
      });
      this.y += height;
    });
    this.repeatOnNewPage = undefined;
    this.rule();
    this.y += 8;
  }

  /** Label–value rows in a box at the right (totals), kept together on one page. */
  summary(rows: { label: string; value: string; strong?: boolean }[], width = 230): void {
    const x = LEFT + CONTENT_W - width;
    const heights = rows.map((r) => (r.strong ? 20 : 14));
    this.ensure(heights.reduce((a, b) => a + b, 0) + 4);
    rows.forEach((r, i) => {
      if (r.strong) {
        this.doc.moveTo(x, this.y + 1).lineTo(x + width, this.y + 1).lineWidth(0.8).strokeColor(COLOR.text).stroke();
        this.y += 4;
      }
      const style = { size: r.strong ? 10.5 : 9, bold: r.strong ?? false };
      this.textAt(r.label, x, this.y, width * 0.5, { ...style, color: r.strong ? COLOR.text : COLOR.muted });
      this.textAt(r.value, x + width * 0.4, this.y, width * 0.6, { ...style, align: 'right' });
      this.y += heights[i]! - (r.strong ? 4 : 0);
    });
    this.y += 8;
  }

  /** The company block (logo, name, address, contacts) at the top left, and returns its bottom. */
  companyBlock(width: number): number {
    const c = this.frame.company;
    let x = LEFT;
    let logoBottom = TOP;
    if (c.logo) {
      try {
        this.doc.image(c.logo.data, LEFT, TOP, { fit: [64, 64] });
        x += 76;
        logoBottom = TOP + 64;
      } catch {
        // A logo pdfkit cannot read is left out rather than failing the document.
      }
    }
    const w = width - (x - LEFT);
    let y = TOP;
    const name = companyName(c, this.locale);
    y += this.textAt(name, x, y, w, { size: 13, bold: true });
    const other = this.locale === 'zh-CN' && c.nameZh && c.name ? c.name : c.legalName && c.legalName !== name ? c.legalName : null;
    if (other) y += this.textAt(other, x, y, w, { size: 8, color: COLOR.muted });
    y += 3;
    const lines = [...companyAddress(c, this.locale), c.phone ? `${this.t('phone')} ${c.phone}` : '', c.email, c.website, c.taxId ? `${this.t('taxId')} ${c.taxId}` : ''].filter((l): l is string => !!l);
    for (const line of lines) y += this.textAt(line, x, y, w, { size: 8, color: COLOR.muted });
    return Math.max(y, logoBottom);
  }

  /** Title and label–value pairs at the top right; returns the bottom. */
  titleBlock(meta: [string, string][], width: number): number {
    const x = LEFT + CONTENT_W - width;
    let y = TOP - 4;
    y += this.textAt(this.frame.title, x, y, width, { size: 20, bold: true, color: COLOR.accent, align: 'right' }) + 6;
    for (const [label, value] of meta) {
      const h = Math.max(this.measure(value, width * 0.58, { size: 9, bold: true }), 12);
      this.textAt(label, x, y, width * 0.42, { size: 8.5, color: COLOR.muted });
      this.textAt(value, x + width * 0.42, y, width * 0.58, { size: 9, bold: true, align: 'right' });
      y += h + 2;
    }
    return y;
  }

  /** The first page's header: company at the left, title and facts at the right. */
  header(meta: [string, string][]): void {
    const bottom = Math.max(this.companyBlock(CONTENT_W * 0.56), this.titleBlock(meta, CONTENT_W * 0.4));
    this.y = bottom + 10;
    this.rule(this.y, COLOR.accent);
    this.y += 12;
  }

  /** Side-by-side blocks (bill to, ship to…), each a heading and lines. */
  blocks(blocks: { title: string; lines: string[]; strong?: boolean }[]): void {
    const gap = 16;
    const width = (CONTENT_W - gap * (blocks.length - 1)) / blocks.length;
    const heights = blocks.map((b) => 14 + b.lines.reduce((h, l, i) => h + this.measure(l, width, { size: i === 0 && b.strong ? 11 : 9, bold: i === 0 }) + 1, 0));
    this.ensure(Math.max(...heights));
    blocks.forEach((b, i) => {
      const x = LEFT + i * (width + gap);
      let y = this.y;
      this.textAt(b.title, x, y, width, { size: 8, bold: true, color: COLOR.accent });
      y += 14;
      b.lines.forEach((line, j) => {
        y += this.textAt(line, x, y, width, { size: j === 0 && b.strong ? 11 : 9, bold: j === 0 }) + 1;
      });
    });
    this.y += Math.max(...heights) + 12;
  }

  /** A framed, tinted box for what must not be missed (special requirements, notes). */
  callout(items: { title: string; text: string }[]): void {
    const pad = 8;
    const width = CONTENT_W - 2 * pad;
    const present = items.filter((i) => i.text);
    if (!present.length) return;
    const height = present.reduce((h, i) => h + 13 + this.measure(i.text, width, { size: 10 }) + 4, 0) + 2 * pad - 4;
    this.ensure(Math.min(height, BOTTOM - CONTINUED_TOP));
    this.doc.rect(LEFT, this.y, CONTENT_W, height).lineWidth(1.2).fillAndStroke(COLOR.calloutFill, COLOR.callout);
    let y = this.y + pad;
    for (const item of present) {
      this.textAt(item.title, LEFT + pad, y, width, { size: 8.5, bold: true, color: COLOR.calloutText });
      y += 13;
      y += this.textAt(item.text, LEFT + pad, y, width, { size: 10 }) + 4;
    }
    this.y += height + 12;
  }

  /** Footers and "page x of y" on every page, then the bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.doc.page.margins.bottom = 0; // writing below the content area must not open a page
      const y = PAGE_H - 52;
      this.rule(y - 6);
      this.textAt(this.frame.footer, LEFT, y, CONTENT_W - 120, { size: 7.5, color: COLOR.muted });
      this.textAt(this.t('page', { page: i - range.start + 1, pages: range.count }), LEFT + CONTENT_W - 110, y, 110, { size: 7.5, color: COLOR.muted, align: 'right' });
    }
    this.doc.end();
    return this.done;
  }
}

export const companyName = (c: DocumentCompany, locale: DocumentLocale) => (locale === 'zh-CN' && c.nameZh ? c.nameZh : c.name);

function companyAddress(c: DocumentCompany, locale: DocumentLocale): string[] {
  const cityLine = [c.postalCode, c.city].filter(Boolean).join(' ');
  return [[c.addressLine1, c.addressLine2].filter(Boolean).join(', '), [cityLine, c.country ? countryName(c.country, locale) : ''].filter(Boolean).join(', ')].filter(Boolean);
}
