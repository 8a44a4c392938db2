import { z } from 'zod';
import { Currency } from './catalog.js';
import { Email, Timestamp } from './common.js';
import { CountryCode } from './customers.js';

/** The largest logo accepted, decoded (the base64 text is about a third longer). */
export const LOGO_MAX_BYTES = 1_048_576;
export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg'] as const;
export const LogoMimeType = z.enum(LOGO_MIME_TYPES);
export type LogoMimeType = z.infer<typeof LogoMimeType>;

const Text = (max: number) => z.string().trim().min(1, 'must not be empty; send null to clear it').max(max);

/** Fields of the company profile; every optional one is cleared with null. */
const companyFields = {
  name: Text(200).describe('Trading name shown on every document'),
  nameZh: Text(200).nullable().describe('Chinese name, shown instead of `name` on zh-CN documents'),
  legalName: Text(200).nullable(),
  addressLine1: Text(200).nullable(),
  addressLine2: Text(200).nullable(),
  city: Text(100).nullable(),
  postalCode: z.string().trim().min(1).max(20).nullable(),
  country: CountryCode.nullable(),
  phone: Text(40).nullable(),
  email: Email.nullable(),
  website: Text(200).nullable(),
  taxId: Text(40).nullable().describe('VAT number / unified social credit code printed on invoices'),
  bankName: Text(200).nullable(),
  bankAccount: Text(100).nullable().describe('Account holder and number as printed on invoices'),
  bankIban: z.string().trim().toUpperCase().min(1).max(40).nullable(),
  bankSwift: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be an 8 or 11 character SWIFT/BIC code').nullable(),
  defaultCurrency: Currency,
  paymentTermsEn: Text(2000).nullable().describe('Payment terms text printed on English invoices'),
  paymentTermsZh: Text(2000).nullable().describe('Payment terms text printed on Chinese invoices'),
  invoiceFooterEn: Text(1000).nullable(),
  invoiceFooterZh: Text(1000).nullable(),
};

/** `PATCH /settings/company` with `If-Match: "<version>"`: fields present replace, null clears. */
export const UpdateCompanySettingsRequest = z.strictObject(companyFields).partial();
export type UpdateCompanySettingsRequest = z.infer<typeof UpdateCompanySettingsRequest>;

export const CompanyLogo = z.object({
  mimeType: LogoMimeType,
  bytes: z.number().int(),
  url: z.string().describe('GET it for the image itself'),
});

export const CompanySettings = z.object({
  name: z.string(),
  nameZh: z.string().nullable(),
  legalName: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  taxId: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  bankIban: z.string().nullable(),
  bankSwift: z.string().nullable(),
  defaultCurrency: z.string(),
  paymentTermsEn: z.string().nullable(),
  paymentTermsZh: z.string().nullable(),
  invoiceFooterEn: z.string().nullable(),
  invoiceFooterZh: z.string().nullable(),
  logo: CompanyLogo.nullable(),
  version: z.number().int().describe('0 until the settings are first saved'),
  updatedAt: Timestamp.nullable(),
});
export type CompanySettings = z.infer<typeof CompanySettings>;

/** `PUT /settings/company/logo`: a PNG or JPEG of at most 1 MiB, base64-encoded. */
export const UploadLogoRequest = z.strictObject({
  mimeType: LogoMimeType,
  dataBase64: z
    .string()
    .trim()
    .min(1, 'must hold the image, base64-encoded')
    .max(2_000_000, 'is far above the 1 MiB limit for a logo')
    .regex(/^[A-Za-z0-9+/\s]*={0,2}$/, 'must be base64 (A–Z, a–z, 0–9, +, / and = padding), without a data: prefix'),
});
export type UploadLogoRequest = z.infer<typeof UploadLogoRequest>;
