import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { messageReason } from './reason';

async function translator(lng: string) {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

const base = { statusReason: null, sendAfter: null, channel: 'email' as const, attempts: 0 };

describe('message reasons', () => {
  it('say when a held message goes out, in the reader language and time format', async () => {
    const message = { ...base, reason: { code: 'held_until' as const }, statusReason: 'waits until 2026-12-08T00:00:00.000Z (quiet hours or delay)', sendAfter: '2026-12-08T00:00:00.000Z' };
    const inEnglish = messageReason(await translator('en'), 'en', message);
    const inChinese = messageReason(await translator('zh-CN'), 'zh-CN', message);
    expect(inEnglish?.text).toMatch(/^Waits until Dec \d+, 2026/);
    expect(inChinese?.text).toMatch(/^等待至 2026年12月\d+日/);
    for (const r of [inEnglish, inChinese]) {
      expect(r?.text).not.toContain('2026-12-08T');
      expect(r?.detail).toBeNull();
    }
  });

  it('list every channel passed over, each translated', async () => {
    const message = {
      ...base,
      reason: { code: 'no_channel' as const, passedOver: [{ channel: 'email' as const, why: 'opted_out' as const }, { channel: 'sms' as const, why: 'no_address' as const }] },
      statusReason: 'opted out of email; no phone number',
    };
    expect(messageReason(await translator('en'), 'en', message)?.text).toBe('Not sent: no channel could reach the customer (opted out of Email; no address for SMS)');
    expect(messageReason(await translator('zh-CN'), 'zh-CN', message)?.text).toBe('未发送：没有可联系到客户的渠道（已退订邮件；没有短信地址）');
    const none = { ...base, reason: { code: 'no_channel' as const, passedOver: [] }, statusReason: 'no channel' };
    expect(messageReason(await translator('en'), 'en', none)?.text).toBe("Not sent: none of the rule's channels applies to this customer");
    expect(messageReason(await translator('zh-CN'), 'zh-CN', none)?.text).toBe('未发送：规则中的渠道均不适用于该客户');
  });

  it('keep the technical detail under failures, and show an uncoded reason as stored', async () => {
    const t = await translator('zh-CN');
    const failed = messageReason(t, 'zh-CN', { ...base, reason: { code: 'send_failed' as const }, statusReason: '550 mailbox unavailable' });
    expect(failed).toEqual({ text: '发送失败', detail: '550 mailbox unavailable' });
    expect(messageReason(t, 'zh-CN', { ...base, reason: null, statusReason: 'resent by staff' })).toEqual({ text: 'resent by staff', detail: null });
    expect(messageReason(t, 'zh-CN', { ...base, reason: null })).toBeNull();
  });
});
