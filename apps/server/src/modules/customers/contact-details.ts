import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { AddressData, ContactData, FieldIssue } from './customer.js';

/** Phone numbers without a country code are read as numbers of this region unless an address says otherwise. */
export const DEFAULT_PHONE_REGION = 'CN';

/** ISO 3166-1 codes that have no telephone numbering plan of their own but are real countries. */
const NO_PHONE_PLAN = new Set(['AQ', 'BV', 'GS', 'HM', 'PN', 'TF', 'UM']);

export function isKnownCountry(code: string): boolean {
  return NO_PHONE_PLAN.has(code) || isSupportedCountry(code);
}

function phoneHint(region: string): string {
  return `must be a phone number in international format such as +86 138 0013 8000 or +44 20 7946 0958, or a national number valid in ${region}`;
}

/** E.164 (`+8613800138000`), or null when the text is not a valid number. */
export function normalisePhone(input: string, region: string): string | null {
  const parsed = parsePhoneNumberFromString(input, isSupportedCountry(region) ? (region as CountryCode) : DEFAULT_PHONE_REGION);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** Digit strings a person might type for a stored E.164 number: with and without country code, national format. */
export function phoneDigitVariants(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  const out = new Set([e164.replace(/\D/g, '')]);
  if (parsed) {
    out.add(String(parsed.nationalNumber));
    out.add(parsed.formatNational().replace(/\D/g, ''));
  }
  return [...out].filter((d) => d.length >= 3);
}

/** The region used for numbers without a country code: the first address's country, else the fallback. */
export function phoneRegionFor(addresses: readonly { country: string }[] | undefined, fallback: string): string {
  const first = addresses?.[0]?.country;
  return first && isSupportedCountry(first) ? first : fallback;
}

interface ContactDetails {
  phone?: string | null | undefined;
  contacts?: ContactData[] | undefined;
  addresses?: AddressData[] | undefined;
}

/**
 * Normalises every phone to E.164 and checks country codes. Emails are already normalised by the
 * contract schemas. Returns the input with phones rewritten, or the issues with their paths.
 */
export function normaliseContactDetails<T extends ContactDetails>(input: T, region: string): { value: T; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const phone = (value: string | undefined, path: string, r = region): string | undefined => {
    if (value === undefined) return undefined;
    const e164 = normalisePhone(value, r);
    if (e164 === null) issues.push({ path, message: phoneHint(r) });
    return e164 ?? value;
  };
  const value: T = { ...input };
  if (typeof input.phone === 'string') value.phone = phone(input.phone, 'phone');
  if (input.contacts) value.contacts = input.contacts.map((c, i) => ({ ...c, phone: phone(c.phone, `contacts.${i}.phone`) }));
  if (input.addresses) {
    value.addresses = input.addresses.map((a, i) => {
      if (!isKnownCountry(a.country)) issues.push({ path: `addresses.${i}.country`, message: 'is not a known ISO 3166-1 alpha-2 country code (e.g. CN, GB, DE)' });
      return { ...a, phone: phone(a.phone, `addresses.${i}.phone`, isSupportedCountry(a.country) ? a.country : region) };
    });
  }
  return { value, issues };
}
