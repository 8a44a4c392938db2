import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { seedDemoSettings } from '../../settings/index.js';
import { loadDocumentCompany, renderInvoice } from '../index.js';
import { enInvoice } from './fixtures.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('loadDocumentCompany', () => {
  it('prints the company from settings, with its logo', async () => {
    const empty = await loadDocumentCompany(rt.deps.db);
    expect(empty).toMatchObject({ name: '', logo: null });
    await seedDemoSettings(rt.deps);
    const company = await loadDocumentCompany(rt.deps.db);
    expect(company).toMatchObject({ name: 'OrderCare Demo Trading Co., Ltd.', nameZh: '演示贸易有限公司', bankSwift: 'BKCHCNBJ300', logo: { mimeType: 'image/png' } });
    expect(company.logo?.data.subarray(1, 4).toString()).toBe('PNG');

    const pdf = await renderInvoice({ ...enInvoice, company }, 'en');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    await doc.destroy();
    expect(text).toContain('Room 1208, Tower B, 88 Century Avenue, Pudong New Area');
    expect(text).toContain('Late payments may incur interest');
  });
});
