import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCALES, MESSAGE_CHANNELS, TEMPLATE_KEYS } from '@ordercare/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTemplate } from '../default-templates/index.js';
import { inlineRenderer, startRenderThread, type RenderJob, type Renderer } from '../renderer.js';

// A worker thread cannot load TypeScript: the thread runs the built server (npm test builds it first).
const BUILT_ENTRY = new URL('../../../../dist/modules/messages/render-thread.js', import.meta.url);

const data = {
  customer: { name: '<script>alert("x")</script> & Co', email: 'a@example.com' },
  company: { name: 'Acme 五金', email: null, phone: null, website: null },
  order: { number: 'SO-2026-000001', total: '¥100.00', statusLabel: '已确认', lines: [{ sku: 'A', name: 'Bolt <b>', quantity: 2, total: '¥100.00' }], requestedDeliveryDate: '2026-12-01' },
  shipment: { carrier: 'SF', trackingNumber: 'SF123', statusLabel: null },
  change: null,
  payment: null,
  case: null,
  portalUrl: 'https://shop.example.com/portal',
};

const broken: RenderJob = { source: { subject: 'ok', text: 'line one\n{{ customer.name | shell: "ls" }}', html: null }, data };

let dir: string;
let renderer: Renderer | undefined;
const warnings: string[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-render-thread-'));
  warnings.length = 0;
});
afterEach(async () => {
  await renderer?.close();
  renderer = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the message render thread', () => {
  it('renders every shipped template in both languages exactly as the event loop does, and reports a broken one the same way', async () => {
    renderer = startRenderThread((m) => warnings.push(m), { entry: BUILT_ENTRY });
    expect(renderer).not.toBe(inlineRenderer);
    const jobs: RenderJob[] = [];
    for (const key of TEMPLATE_KEYS) for (const channel of MESSAGE_CHANNELS) for (const locale of LOCALES) jobs.push({ source: defaultTemplate(key, channel, locale), data });
    jobs.push(broken);
    const [inThread, inline] = await Promise.all([renderer.renderAll(jobs), inlineRenderer.renderAll(jobs)]);
    expect(inThread).toEqual(inline);
    expect(inThread.at(-1)).toMatchObject({ problem: { field: 'text', line: 2 } });
    const confirmation = inThread[0]!;
    expect('rendered' in confirmation && confirmation.rendered.html).toContain('&lt;script&gt;');
    expect(warnings).toEqual([]);
  });

  it('answers concurrent requests each with its own outcomes', async () => {
    renderer = startRenderThread((m) => warnings.push(m), { entry: BUILT_ENTRY });
    const one = (n: number): RenderJob => ({ source: { subject: null, text: 'n={{ n }}', html: null }, data: { n } });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => renderer!.renderAll([one(n), one(n * 10)])));
    expect(answers.map((a) => a.map((o) => ('rendered' in o ? o.rendered.text : o.problem.message)))).toEqual([1, 2, 3, 4, 5].map((n) => [`n=${n}`, `n=${n * 10}`]));
  });

  it('renders on the event loop what a dying thread did not answer, and everything after, with one warning', async () => {
    const dies = path.join(dir, 'dies.mjs');
    fs.writeFileSync(dies, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(7));\n");
    renderer = startRenderThread((m) => warnings.push(m), { entry: new URL(`file://${dies}`) });
    const jobs: RenderJob[] = [{ source: defaultTemplate('order_confirmation', 'email', 'zh-CN'), data }, broken];
    const expected = await inlineRenderer.renderAll(jobs);
    expect(await renderer.renderAll(jobs)).toEqual(expected);
    expect(await renderer.renderAll(jobs)).toEqual(expected);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/render thread stopped \(exit code 7\); rendering on the event loop/);
  });

  it('renders on the event loop when the thread cannot start', async () => {
    const fails = path.join(dir, 'fails.mjs');
    fs.writeFileSync(fails, "throw new Error('liquidjs is missing');\n");
    renderer = startRenderThread((m) => warnings.push(m), { entry: new URL(`file://${fails}`) });
    const jobs: RenderJob[] = [{ source: { subject: 'Hi {{ customer.name }}', text: 'x', html: null }, data }];
    expect(await renderer.renderAll(jobs)).toEqual(await inlineRenderer.renderAll(jobs));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/render thread stopped.*liquidjs is missing/);
  });

  it('renders inline from TypeScript sources, where no built thread entry exists', () => {
    expect(startRenderThread((m) => warnings.push(m), { entry: new URL(`file://${path.join(dir, 'none.js')}`) })).toBe(inlineRenderer);
  });
});
