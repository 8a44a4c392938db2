import { z } from 'zod';
import { Email, Locale, Timestamp } from './common.js';

export const CUSTOMER_KINDS = ['business', 'individual'] as const;
export const CustomerKind = z.enum(CUSTOMER_KINDS);
export const CHANNELS = ['email', 'sms', 'portal', 'phone'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Phone numbers are normalised to E.164 by the server; send them in any common format. */
const PhoneInput = z.string().trim().min(3).max(40);
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Tag = z.string().trim().toLowerCase().min(1).max(40).regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'letters, digits, spaces, _ and - only');

export const CountryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CN or GB');

export const Address = z.strictObject({
  name: Text(200),
  company: Text(200).optional(),
  line1: Text(200),
  line2: Text(200).optional(),
  city: Text(100),
  region: Text(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: CountryCode,
  phone: PhoneInput.optional(),
});
export type Address = z.infer<typeof Address>;

export const CustomerAddressInput = Address.extend({
  kind: z.enum(['billing', 'shipping']),
  isDefault: z.boolean().default(false),
});
export const CustomerAddress = CustomerAddressInput.extend({ id: z.string() });
export type CustomerAddress = z.infer<typeof CustomerAddress>;

export const ContactInput = z.strictObject({
  name: Text(200),
  role: Text(100).optional(),
  email: Email.optional(),
  phone: PhoneInput.optional(),
  isPrimary: z.boolean().default(false),
});
export const Contact = ContactInput.extend({ id: z.string() });
export type Contact = z.infer<typeof Contact>;

/** Marketing needs an explicit yes; service messages may use a channel unless it is switched off. */
export const Consent = z.strictObject({
  marketing: z.boolean().default(false),
  email: z.boolean().default(true),
  sms: z.boolean().default(true),
  phone: z.boolean().default(true),
  portal: z.boolean().default(true),
});
export type Consent = z.infer<typeof Consent>;

const customerFields = {
  kind: CustomerKind,
  name: Text(200),
  legalName: Text(200).nullish(),
  taxId: z.string().trim().toUpperCase().min(2).max(40).nullish(),
  email: Email.nullish(),
  phone: PhoneInput.nullish(),
  locale: Locale,
  preferredChannel: Channel,
  birthday: z.iso.date({ message: 'must be a date such as 1990-04-23' }).nullish(),
  tags: z.array(Tag).max(50),
  accountManagerId: z.string().max(64).nullish(),
  consent: Consent,
  notes: z.string().max(5000).nullish(),
  contacts: z.array(ContactInput).max(50),
  addresses: z.array(CustomerAddressInput).max(20),
};

export const CreateCustomerRequest = z.strictObject({
  ...customerFields,
  locale: Locale.default('en'),
  preferredChannel: Channel.default('email'),
  tags: customerFields.tags.default([]),
  consent: Consent.default({ marketing: false, email: true, sms: true, phone: true, portal: true }),
  contacts: customerFields.contacts.default([]),
  addresses: customerFields.addresses.default([]),
});
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequest>;

/** PATCH with `If-Match: "<version>"`. Arrays (tags, contacts, addresses) replace the stored ones. */
export const UpdateCustomerRequest = z.strictObject({
  ...customerFields,
  consent: Consent.partial(),
}).partial();
export type UpdateCustomerRequest = z.infer<typeof UpdateCustomerRequest>;

export const Customer = z.object({
  id: z.string(),
  kind: CustomerKind,
  name: z.string(),
  legalName: z.string().nullable(),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: Locale,
  preferredChannel: Channel,
  birthday: z.string().nullable(),
  tags: z.array(z.string()),
  accountManagerId: z.string().nullable(),
  accountManagerName: z.string().nullable().describe('Display name of the account manager, for screens whose user cannot list staff'),
  consent: z.object({ marketing: z.boolean(), email: z.boolean(), sms: z.boolean(), phone: z.boolean(), portal: z.boolean() }),
  notes: z.string().nullable(),
  contacts: z.array(Contact),
  addresses: z.array(CustomerAddress),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Customer = z.infer<typeof Customer>;

export const CustomerSummary = Customer.pick({ id: true, kind: true, name: true, email: true, phone: true, tags: true, accountManagerId: true, accountManagerName: true, locale: true, createdAt: true });
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Matches the start of any word of the name, email, phone digits or tax id'),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  accountManagerId: z.string().max(64).optional(),
  kind: CustomerKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1200).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

/** `GET /customers/export.csv`: the list's filters, every matching row. */
export const CustomerExportQuery = CustomerListQuery.omit({ limit: true, cursor: true });
export type CustomerExportQuery = z.infer<typeof CustomerExportQuery>;

/** `PATCH /customers/{id}` needs `If-Match: "<version>"` (the `version` of the customer you edited). */
export const IfMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().describe('"<version>" of the record being edited; required (428 if_match_required without it, 412 version_conflict when stale)'),
});

export const TimelineEntry = z.object({
  id: z.string(),
  type: z.string().describe('The event type, e.g. customer.created, order.placed'),
  occurredAt: Timestamp,
  actor: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export const ImportJob = z.object({
  id: z.string(),
  kind: z.literal('customers'),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string().nullable(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })).describe('Bad rows with their line in the file (header = line 1); the first 1000'),
  errorCount: z.number().int().describe('All bad rows, also those beyond the listed 1000'),
  failureReason: z.string().nullable().describe('Why a failed job stopped'),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
export const CreateImportRequest = z.strictObject({
  fileName: z.string().trim().max(200).optional(),
  csv: z.string().min(1, 'the file is empty').max(20_000_000),
});
export type CreateImportRequest = z.infer<typeof CreateImportRequest>;
