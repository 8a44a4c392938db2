import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGE_CHANNELS, TEMPLATE_KEYS } from '@ordercare/contracts';
import { defaultTemplate } from '../default-templates/index.js';
import { checkTemplate, renderTemplate } from '../render.js';

const data = {
  customer: { name: '<script>alert("x")</script> & Co' },
  company: { name: 'Acme' },
  order: { number: 'SO-2026-000001', total: '¥100.00', statusLabel: 'confirmed', lines: [{ sku: 'A', name: 'Bolt <b>', quantity: 2, total: '¥100.00' }], requestedDeliveryDate: '2026-12-01' },
  shipment: {},
  portalUrl: null,
};

describe('the template sandbox', () => {
  it('escapes every output in the HTML part, also through raw', async () => {
    const out = await renderTemplate({ subject: 'Hi {{ customer.name }}', text: 'Hi {{ customer.name }}', html: '<p>{{ customer.name }} {{ customer.name | raw }} {{ order.lines[0].name }}</p>' }, data);
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co');
    expect(out.html).toContain('Bolt &lt;b&gt;');
    expect(out.html!.startsWith('<p>')).toBe(true); // the template's own markup stays
    expect(out.text).toBe('Hi <script>alert("x")</script> & Co'); // plain text is not HTML
  });

  it('cannot read files: include, render and layout do not parse', async () => {
    for (const tag of ['{% include "/etc/passwd" %}', "{% render '../../package.json' %}", '{% layout "x" %}body', '{% include customer.name %}']) {
      const problem = checkTemplate({ subject: null, text: `line one\n${tag}`, html: null });
      expect(problem, tag).not.toBeNull();
      expect(problem!.message).toMatch(/not allowed in message templates/);
      expect(problem!.line).toBe(2);
      await expect(renderTemplate({ subject: null, text: tag, html: null }, data)).rejects.toThrow(/not allowed/);
    }
  });

  it('reaches no prototype, constructor or process', async () => {
    const out = await renderTemplate({ subject: null, text: '[{{ customer.constructor }}][{{ customer.__proto__ }}][{{ process.env.HOME }}][{{ customer.name.constructor.name }}]', html: null }, data);
    expect(out.text).toBe('[][][][]');
  });

  it('refuses unknown filters and reports line and column', () => {
    const problem = checkTemplate({ subject: null, text: 'ok\n  {{ customer.name | shell: "ls" }}', html: null });
    expect(problem).toMatchObject({ field: 'text', line: 2 });
    expect(checkTemplate({ subject: null, text: '{% if x %}never closed', html: null })).not.toBeNull();
  });

  it('stops a template that runs away', async () => {
    await expect(renderTemplate({ subject: null, text: '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}', html: null }, data)).rejects.toThrow();
  });

  it('every shipped default parses and renders in both languages on every channel', async () => {
    for (const key of TEMPLATE_KEYS) {
      for (const channel of MESSAGE_CHANNELS) {
        for (const locale of LOCALES) {
          const t = defaultTemplate(key, channel, locale);
          expect(checkTemplate(t), `${key}/${channel}/${locale}`).toBeNull();
          const out = await renderTemplate(t, data);
          expect(out.text.length, `${key}/${channel}/${locale}`).toBeGreaterThan(10);
        }
      }
    }
  });
});
