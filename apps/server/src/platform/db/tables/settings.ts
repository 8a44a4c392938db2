/** Row types of the tables owned by modules/settings. */
/** The single company row (`id = 1`); optional texts are null when unset. */
export interface CompanySettingsTable {
  id: number;
  name: string;
  name_zh: string | null;
  legal_name: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  postal_code: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  tax_id: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_iban: string | null;
  bank_swift: string | null;
  default_currency: string;
  payment_terms_en: string | null;
  payment_terms_zh: string | null;
  invoice_footer_en: string | null;
  invoice_footer_zh: string | null;
  logo_base64: string | null;
  logo_mime_type: string | null;
  version: number;
  updated_at: string;
}
/** Gap-free document numbers: the last number handed out per kind and year. */
export interface DocumentSequencesTable {
  kind: string;
  year: number;
  last: number;
}
