import type { Deps } from '../../deps.js';
import { SYSTEM_ACTOR } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import type { CompanySettingsTable } from '../../platform/db/schema.js';
import { ok } from '../../platform/result.js';
import { diffFields } from '../../platform/audit.js';
import { auditableSettings, defaultSettingsRow } from './company-settings.js';
import { demoLogoPng } from './demo-logo.js';
import * as repo from './settings.repo.js';
import { writeSettings } from './commands/write-settings.js';

/** The demo company: a Shanghai trading company that invoices in CNY and GBP. */
export function demoCompanyRow(now: string): CompanySettingsTable {
  return {
    ...defaultSettingsRow(now),
    name: 'OrderCare Demo Trading Co., Ltd.',
    name_zh: '演示贸易有限公司',
    legal_name: 'OrderCare Demo Trading Co., Ltd. (上海演示贸易有限公司)',
    address_line1: 'Room 1208, Tower B, 88 Century Avenue',
    address_line2: 'Pudong New Area',
    city: 'Shanghai',
    postal_code: '200120',
    country: 'CN',
    phone: '+86 21 6888 1234',
    email: 'billing@ordercare-demo.example.cn',
    website: 'www.ordercare-demo.example.cn',
    tax_id: '91310115MA1K4DEMO8',
    bank_name: 'Bank of China, Shanghai Pudong Branch',
    bank_account: 'OrderCare Demo Trading Co., Ltd. · 4563 5912 0087 6543',
    bank_iban: null,
    bank_swift: 'BKCHCNBJ300',
    default_currency: 'CNY',
    payment_terms_en: 'Please pay by bank transfer quoting the invoice number. Late payments may incur interest of 0.05 % per day.',
    payment_terms_zh: '请通过银行转账付款，并注明发票号码。逾期付款按每日万分之五计收滞纳金。',
    invoice_footer_en: 'Thank you for your business. Questions about this invoice: billing@ordercare-demo.example.cn',
    invoice_footer_zh: '感谢您的惠顾。如对本发票有疑问，请联系 billing@ordercare-demo.example.cn',
    logo_base64: demoLogoPng().toString('base64'),
    logo_mime_type: 'image/png',
  };
}

/** Fills in the demo company and its logo, only when no settings were ever saved. Returns whether it did. */
export async function seedDemoSettings(deps: Pick<Deps, 'db' | 'clock'>): Promise<boolean> {
  if (await repo.hasSettings(deps.db)) return false;
  const now = deps.clock.now().toISOString();
  const result = await inTransaction(deps.db, async (tx) => {
    const [before, after] = [defaultSettingsRow(now), demoCompanyRow(now)];
    const changed = Object.keys(diffFields(auditableSettings(before), auditableSettings(after))).filter((f) => f !== 'version');
    const written = await writeSettings(tx, deps, SYSTEM_ACTOR, before, after, changed);
    return ok(written.ok); // a concurrent first save wins; the demo then stays out
  });
  return result.ok && result.value;
}
