import type { Channel, CreateCustomerRequest, Customer, Locale } from '@ordercare/contracts';

/** Form state of the customer form. Paths match the request body so server errors land on fields. */
export interface ContactValues {
  key: string;
  name: string;
  role: string;
  email: string;
  phone: string;
  isPrimary: boolean;
}

export interface AddressValues {
  key: string;
  kind: 'billing' | 'shipping';
  isDefault: boolean;
  name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

export interface CustomerFormValues {
  kind: 'business' | 'individual';
  name: string;
  legalName: string;
  taxId: string;
  email: string;
  phone: string;
  locale: Locale;
  preferredChannel: Channel;
  birthday: string | null;
  tags: string[];
  accountManagerId: string | null;
  consent: { marketing: boolean; email: boolean; sms: boolean; phone: boolean; portal: boolean };
  notes: string;
  contacts: ContactValues[];
  addresses: AddressValues[];
}

let counter = 0;
/** Stable React key for a repeatable group (not sent to the server). */
export function rowKey(): string {
  counter += 1;
  return `row-${counter}`;
}

export function emptyContact(isPrimary = false): ContactValues {
  return { key: rowKey(), name: '', role: '', email: '', phone: '', isPrimary };
}

export function emptyAddress(kind: AddressValues['kind'] = 'billing', isDefault = false): AddressValues {
  return { key: rowKey(), kind, isDefault, name: '', company: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' };
}

export function emptyCustomerValues(locale: Locale, accountManagerId: string | null): CustomerFormValues {
  return {
    kind: 'business',
    name: '',
    legalName: '',
    taxId: '',
    email: '',
    phone: '',
    locale,
    preferredChannel: 'email',
    birthday: null,
    tags: [],
    accountManagerId,
    consent: { marketing: false, email: true, sms: true, phone: true, portal: true },
    notes: '',
    contacts: [],
    addresses: [],
  };
}

export function customerToValues(customer: Customer): CustomerFormValues {
  return {
    kind: customer.kind,
    name: customer.name,
    legalName: customer.legalName ?? '',
    taxId: customer.taxId ?? '',
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    locale: customer.locale,
    preferredChannel: customer.preferredChannel,
    birthday: customer.birthday,
    tags: [...customer.tags],
    accountManagerId: customer.accountManagerId,
    consent: { ...customer.consent },
    notes: customer.notes ?? '',
    contacts: customer.contacts.map((c) => ({
      key: rowKey(),
      name: c.name,
      role: c.role ?? '',
      email: c.email ?? '',
      phone: c.phone ?? '',
      isPrimary: c.isPrimary,
    })),
    addresses: customer.addresses.map((a) => ({
      key: rowKey(),
      kind: a.kind,
      isDefault: a.isDefault,
      name: a.name,
      company: a.company ?? '',
      line1: a.line1,
      line2: a.line2 ?? '',
      city: a.city,
      region: a.region ?? '',
      postalCode: a.postalCode ?? '',
      country: a.country,
      phone: a.phone ?? '',
    })),
  };
}

/** Blank text → null (clears a stored value). */
function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** Blank text → undefined (optional fields of contacts and addresses). */
function orOmit(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** The request body for create and for update (arrays replace the stored ones). */
export function valuesToRequest(values: CustomerFormValues): CreateCustomerRequest {
  return {
    kind: values.kind,
    name: values.name.trim(),
    legalName: orNull(values.legalName),
    taxId: orNull(values.taxId),
    email: orNull(values.email),
    phone: orNull(values.phone),
    locale: values.locale,
    preferredChannel: values.preferredChannel,
    birthday: values.birthday || null,
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    accountManagerId: values.accountManagerId || null,
    consent: { ...values.consent },
    notes: orNull(values.notes),
    contacts: values.contacts.map((c) => ({
      name: c.name.trim(),
      role: orOmit(c.role),
      email: orOmit(c.email),
      phone: orOmit(c.phone),
      isPrimary: c.isPrimary,
    })),
    addresses: values.addresses.map((a) => ({
      kind: a.kind,
      isDefault: a.isDefault,
      name: a.name.trim(),
      company: orOmit(a.company),
      line1: a.line1.trim(),
      line2: orOmit(a.line2),
      city: a.city.trim(),
      region: orOmit(a.region),
      postalCode: orOmit(a.postalCode),
      country: a.country.trim().toUpperCase(),
      phone: orOmit(a.phone),
    })),
  };
}
