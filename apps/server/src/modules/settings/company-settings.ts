import { LOGO_MAX_BYTES, type CompanySettings, type LogoMimeType, type UpdateCompanySettingsRequest } from '@ordercare/contracts';
import type { CompanySettingsTable } from '../../platform/db/schema.js';
import { err, ok, type Result } from '../../platform/result.js';
import { jpegInfo, pngInfo, sniffImage } from './png.js';

export type SettingsError =
  | { code: 'if_match_required' }
  | { code: 'invalid_if_match'; value: string }
  | { code: 'version_conflict'; expected: number; current: number }
  | { code: 'invalid_logo'; message: string }
  | { code: 'logo_too_large'; bytes: number }
  | { code: 'no_logo' };

export const LOGO_URL = '/api/v1/settings/company/logo';

/** The row as it is before the settings are first saved (version 0: `If-Match: "0"` edits it). */
export function defaultSettingsRow(now: string): CompanySettingsTable {
  return {
    id: 1,
    name: '',
    name_zh: null,
    legal_name: null,
    address_line1: null,
    address_line2: null,
    city: null,
    postal_code: null,
    country: null,
    phone: null,
    email: null,
    website: null,
    tax_id: null,
    bank_name: null,
    bank_account: null,
    bank_iban: null,
    bank_swift: null,
    default_currency: 'CNY',
    payment_terms_en: null,
    payment_terms_zh: null,
    invoice_footer_en: null,
    invoice_footer_zh: null,
    logo_base64: null,
    logo_mime_type: null,
    version: 0,
    updated_at: now,
  };
}

/** API field → column, for every editable field. */
const COLUMNS = {
  name: 'name',
  nameZh: 'name_zh',
  legalName: 'legal_name',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  city: 'city',
  postalCode: 'postal_code',
  country: 'country',
  phone: 'phone',
  email: 'email',
  website: 'website',
  taxId: 'tax_id',
  bankName: 'bank_name',
  bankAccount: 'bank_account',
  bankIban: 'bank_iban',
  bankSwift: 'bank_swift',
  defaultCurrency: 'default_currency',
  paymentTermsEn: 'payment_terms_en',
  paymentTermsZh: 'payment_terms_zh',
  invoiceFooterEn: 'invoice_footer_en',
  invoiceFooterZh: 'invoice_footer_zh',
} as const satisfies Record<keyof UpdateCompanySettingsRequest, keyof CompanySettingsTable>;

type Field = keyof typeof COLUMNS;
const FIELDS = Object.keys(COLUMNS) as Field[];

/** Decoded size of a base64 text without decoding it. */
export const base64Bytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

export function toCompanySettings(row: CompanySettingsTable | undefined): CompanySettings {
  const r = row ?? defaultSettingsRow('');
  const fields = Object.fromEntries(FIELDS.map((f) => [f, r[COLUMNS[f]]])) as Omit<CompanySettings, 'logo' | 'version' | 'updatedAt'>;
  const logo = r.logo_base64 && r.logo_mime_type ? { mimeType: r.logo_mime_type as LogoMimeType, bytes: base64Bytes(r.logo_base64), url: LOGO_URL } : null;
  return { ...fields, logo, version: r.version, updatedAt: row ? r.updated_at : null };
}

/** Fields present in the patch replace the stored ones; null clears. Returns the changed API fields. */
export function applySettingsPatch(before: CompanySettingsTable, patch: UpdateCompanySettingsRequest): { after: CompanySettingsTable; changed: string[] } {
  const after = { ...before };
  const changed: string[] = [];
  for (const f of FIELDS) {
    const v = patch[f];
    if (v === undefined || v === before[COLUMNS[f]]) continue;
    (after as Record<string, unknown>)[COLUMNS[f]] = v;
    changed.push(f);
  }
  return { after, changed };
}

/** The settings as the audit log shows them: API field names, the logo as type and size only. */
export function auditableSettings(row: CompanySettingsTable): Record<string, unknown> {
  const s = toCompanySettings(row);
  return { ...s, logo: s.logo ? `${s.logo.mimeType}, ${s.logo.bytes} bytes` : null, updatedAt: undefined };
}

const LABEL: Record<LogoMimeType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/**
 * Checks an uploaded logo: valid base64, at most LOGO_MAX_BYTES decoded, the magic bytes of the
 * declared type (a JPEG sent as image/png is named as such), and an intact PNG chunk structure or
 * JPEG frame header. Returns the decoded bytes.
 */
export function checkLogo(mimeType: LogoMimeType, dataBase64: string): Result<Buffer, SettingsError> {
  const text = dataBase64.replace(/\s+/g, '');
  if (text.length % 4 === 1) return err({ code: 'invalid_logo', message: 'is not valid base64 (its length is not a whole number of bytes)' });
  const data = Buffer.from(text, 'base64');
  if (data.length > LOGO_MAX_BYTES) return err({ code: 'logo_too_large', bytes: data.length });
  if (data.length === 0) return err({ code: 'invalid_logo', message: 'is empty' });
  const sniffed = sniffImage(data);
  if (!sniffed) {
    const head = [...data.subarray(0, 8)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    return err({ code: 'invalid_logo', message: `is not a ${LABEL[mimeType]} image: its first bytes are ${head}, and ${mimeType === 'image/png' ? 'a PNG starts with 89 50 4E 47 0D 0A 1A 0A' : 'a JPEG starts with FF D8 FF'}` });
  }
  if (sniffed !== mimeType) return err({ code: 'invalid_logo', message: `is a ${LABEL[sniffed]} image, but mimeType says ${mimeType}; send mimeType ${sniffed}` });
  const info = sniffed === 'image/png' ? pngInfo(data) : jpegInfo(data);
  if ('problem' in info) return err({ code: 'invalid_logo', message: `starts like a ${LABEL[sniffed]} but ${info.problem}` });
  return ok(data);
}
