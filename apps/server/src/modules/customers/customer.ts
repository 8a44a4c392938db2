import type { Channel, Consent, Customer, Locale } from '@ordercare/contracts';
import type { CustomerAddressesTable, CustomerContactsTable, CustomersTable } from '../../platform/db/schema.js';

/** A field problem; `path` is relative to the request body (`phone`, `contacts.0.phone`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export type CustomerError =
  | { code: 'invalid'; errors: FieldIssue[] }
  | { code: 'duplicate_customer'; field: 'email' | 'taxId'; existing: { id: string; name: string } }
  | { code: 'not_found'; entity: 'customer' | 'import job'; id: string }
  | { code: 'version_conflict'; id: string; current: number }
  | { code: 'if_match_required' };

export interface ContactData {
  name: string;
  role?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  isPrimary: boolean;
}

export interface AddressData {
  kind: 'billing' | 'shipping';
  isDefault: boolean;
  name: string;
  company?: string | undefined;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode?: string | undefined;
  country: string;
  phone?: string | undefined;
}

/** Everything about a customer that a user edits: no id, version or timestamps. */
export interface CustomerProfile {
  kind: 'business' | 'individual';
  name: string;
  legalName: string | null;
  taxId: string | null;
  email: string | null;
  phone: string | null;
  locale: Locale;
  preferredChannel: Channel;
  birthday: string | null;
  tags: string[];
  accountManagerId: string | null;
  consent: Consent;
  notes: string | null;
  contacts: ContactData[];
  addresses: AddressData[];
}

/** A stored customer: its row and child rows. */
export interface CustomerRecord {
  row: CustomersTable;
  contacts: CustomerContactsTable[];
  addresses: CustomerAddressesTable[];
}

export const PROFILE_FIELDS = [
  'kind', 'name', 'legalName', 'taxId', 'email', 'phone', 'locale', 'preferredChannel', 'birthday', 'tags',
  'accountManagerId', 'consent', 'notes', 'contacts', 'addresses',
] as const satisfies readonly (keyof CustomerProfile)[];

/** Lower case, accents removed, compatibility forms folded (full-width letters): for sorting and search. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
}

export const sortNameOf = (name: string) => fold(name).trim().slice(0, 200);

/** Tags are stored lower case, unique and sorted, so the same set always compares equal. */
export const normaliseTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);

export function profileOf(record: CustomerRecord): CustomerProfile {
  const r = record.row;
  return {
    kind: r.kind as CustomerProfile['kind'],
    name: r.name,
    legalName: r.legal_name,
    taxId: r.tax_id,
    email: r.email,
    phone: r.phone,
    locale: r.locale as Locale,
    preferredChannel: r.preferred_channel as Channel,
    birthday: r.birthday,
    tags: JSON.parse(r.tags) as string[],
    accountManagerId: r.account_manager_id,
    consent: JSON.parse(r.consent) as Consent,
    notes: r.notes,
    contacts: record.contacts.map((c) => ({ name: c.name, role: opt(c.role), email: opt(c.email), phone: opt(c.phone), isPrimary: c.is_primary === 1 })),
    addresses: record.addresses.map((a) => ({
      kind: a.kind as AddressData['kind'],
      isDefault: a.is_default === 1,
      name: a.name,
      company: opt(a.company),
      line1: a.line1,
      line2: opt(a.line2),
      city: a.city,
      region: opt(a.region),
      postalCode: opt(a.postal_code),
      country: a.country,
      phone: opt(a.phone),
    })),
  };
}

/** The API shape. Optional child fields are left out when empty, as the contract's inputs have them. */
export function toCustomer(record: CustomerRecord, accountManagerName: string | null): Customer {
  const p = profileOf(record);
  const r = record.row;
  return {
    id: r.id,
    ...p,
    accountManagerName,
    contacts: p.contacts.map((c, i) => ({ id: record.contacts[i]!.id, ...canonicalContact(c) })),
    addresses: p.addresses.map((a, i) => ({ id: record.addresses[i]!.id, ...canonicalAddress(a) })),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Contacts and addresses with their keys in one order, empty optional fields left out: comparable as JSON. */
const canonicalContact = (c: ContactData): ContactData => dropUndefined({ name: c.name, role: c.role, email: c.email, phone: c.phone, isPrimary: c.isPrimary });
const canonicalAddress = (a: AddressData): AddressData =>
  dropUndefined({ kind: a.kind, isDefault: a.isDefault, name: a.name, company: a.company, line1: a.line1, line2: a.line2, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, phone: a.phone });
const canonicalConsent = (c: Consent): Consent => ({ marketing: c.marketing, email: c.email, sms: c.sms, phone: c.phone, portal: c.portal });

/** Comparable form of a profile (what the audit log stores). */
export function auditable(p: CustomerProfile): Record<string, unknown> {
  return { ...p, consent: canonicalConsent(p.consent), contacts: p.contacts.map(canonicalContact), addresses: p.addresses.map(canonicalAddress) };
}

/** Names of the profile fields that differ. */
export function changedFields(before: CustomerProfile, after: CustomerProfile): string[] {
  const a = auditable(before);
  const b = auditable(after);
  return PROFILE_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/** Rules across fields: one primary contact, one default address per kind. */
export function profileIssues(p: CustomerProfile): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let primary = false;
  p.contacts.forEach((c, i) => {
    if (!c.isPrimary) return;
    if (primary) issues.push({ path: `contacts.${i}.isPrimary`, message: 'only one contact can be the primary contact' });
    primary = true;
  });
  const defaults = new Set<string>();
  p.addresses.forEach((a, i) => {
    if (!a.isDefault) return;
    if (defaults.has(a.kind)) issues.push({ path: `addresses.${i}.isDefault`, message: `only one ${a.kind} address can be the default` });
    defaults.add(a.kind);
  });
  return issues;
}
