import type { Locale, MessageChannel, TemplateAttachment, TemplateKey } from '@ordercare/contracts';
import type { TemplateSource } from '../render.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export interface DefaultTemplate {
  subject: string;
  /** The plain-text part of the email and the portal inbox entry. */
  text: string;
  sms: string;
  attachments?: TemplateAttachment[];
}
export type DefaultTemplateSet = Record<TemplateKey, DefaultTemplate>;

const SETS: Record<Locale, DefaultTemplateSet> = { en, 'zh-CN': zhCN };

/** The HTML part made from the text: paragraphs at blank lines, line breaks inside (output stays escaped). */
export function htmlFromText(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>`);
  return `<div style="font-family: Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 14px; line-height: 1.5; color: #1f2933">\n${paragraphs.join('\n')}\n</div>`;
}

/** Version 0 of a template: the one shipped with OrderCare. */
export function defaultTemplate(key: TemplateKey, channel: MessageChannel, locale: Locale): TemplateSource & { attachments: TemplateAttachment[] } {
  const t = SETS[locale][key];
  switch (channel) {
    case 'email':
      return { subject: t.subject, text: t.text, html: htmlFromText(t.text), attachments: t.attachments ?? [] };
    case 'sms':
      return { subject: null, text: t.sms, html: null, attachments: [] };
    case 'portal':
      return { subject: t.subject, text: t.text, html: null, attachments: [] };
    default: {
      const never: never = channel;
      return never;
    }
  }
}
