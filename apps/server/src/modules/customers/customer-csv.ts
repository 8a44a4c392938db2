import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CHANNELS, CreateCustomerRequest, CUSTOMER_KINDS, LOCALES, type Customer } from '@ordercare/contracts';
import { err, ok, type Result } from '../../platform/result.js';
import type { AddressData, FieldIssue } from './customer.js';

/** The CSV format of import and export. Header names are matched case-insensitively. */
export const CSV_COLUMNS = [
  'kind', 'name', 'legal_name', 'tax_id', 'email', 'phone', 'locale', 'preferred_channel', 'birthday', 'tags',
  'account_manager_email', 'notes', 'billing_line1', 'billing_city', 'billing_postal_code', 'billing_country',
  'shipping_line1', 'shipping_city', 'shipping_postal_code', 'shipping_country', 'consent_marketing',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvValues = Partial<Record<CsvColumn, string>>;

/** One data record: the line it starts on (header = line 1) and its non-empty, trimmed cells. */
export interface CsvRow {
  line: number;
  values: CsvValues;
}

export interface LineError {
  line: number;
  message: string;
}

const ADDRESS_FIELDS = { line1: 'line1', city: 'city', postal_code: 'postalCode', country: 'country' } as const;

/**
 * Reads the whole file. Line endings are normalised first so that line numbers are physical lines
 * whatever the file used; blank records are dropped. A header problem or broken quoting is an error
 * for the whole file (nothing can be imported reliably); row problems are found later, per row.
 */
export function parseCustomersCsv(content: string): Result<CsvRow[], LineError> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = { bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true } as const;
    records = parse(content.replace(/\r\n?/g, '\n'), options) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) return err({ line: (e as CsvError & { lines?: number }).lines ?? 1, message: `the file is not valid CSV: ${e.message}` });
    throw e;
  }
  const header = records[0];
  if (!header) return err({ line: 1, message: 'the file is empty: expected a header row such as "kind,name,email,phone"' });
  const columns = header.record.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) return err({ line: 1, message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}` });
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length) return err({ line: 1, message: `column "${repeated[0]}" appears twice` });
  if (!columns.includes('name')) return err({ line: 1, message: 'the header has no "name" column' });

  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const values: CsvValues = {};
    columns.forEach((c, i) => {
      const v = record[i]?.trim();
      if (v) values[c as CsvColumn] = v;
    });
    if (Object.keys(values).length === 0) continue;
    const innerBreaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    rows.push({ line: info.lines - innerBreaks, values });
  }
  return ok(rows);
}

const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, y: true, false: false, no: false, '0': false, n: false };

/** Column a field path belongs to (`addresses.1.country` → `shipping_country`). */
export function columnOf(path: string, addresses: readonly { kind: string }[] = []): string {
  const [head = '', index, field] = path.split('.');
  if (head === 'addresses') {
    if (field === 'name' || field === undefined) return 'name';
    const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return `${addresses[Number(index)]?.kind ?? 'billing'}_${snake}`;
  }
  if (head === 'consent') return 'consent_marketing';
  if (head === 'accountManagerId') return 'account_manager_email';
  return head.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const describeIssues = (issues: readonly FieldIssue[], addresses: readonly { kind: string }[] = []) =>
  issues.map((i) => `${columnOf(i.path, addresses)}: ${i.message}`).join('; ');

/** The address a row's `<kind>_*` cells describe, on top of `base` (the stored default, when updating). */
export function rowAddress(values: CsvValues, kind: 'billing' | 'shipping', name: string, base?: AddressData): AddressData | undefined {
  const given = Object.entries(ADDRESS_FIELDS).filter(([col]) => values[`${kind}_${col}` as CsvColumn] !== undefined);
  if (given.length === 0) return undefined;
  const out: Record<string, unknown> = base ? { ...base } : { kind, isDefault: true, name };
  for (const [col, field] of given) out[field] = values[`${kind}_${col}` as CsvColumn];
  return out as unknown as AddressData;
}

/**
 * A row as a create request, validated by the API's own schema. `accountManagerId` is resolved by
 * the caller from account_manager_email. Errors name the CSV column.
 */
export function rowToRequest(row: CsvRow, accountManagerId: string | undefined): Result<CreateCustomerRequest, string> {
  const v = row.values;
  const problems: string[] = [];
  const oneOf = (col: CsvColumn, allowed: readonly string[]) => {
    const value = v[col];
    if (value !== undefined && !allowed.includes(value)) problems.push(`${col}: must be one of ${allowed.join(', ')} (got "${value}")`);
    return value;
  };
  const kind = oneOf('kind', CUSTOMER_KINDS) ?? (v.tax_id || v.legal_name ? 'business' : 'individual');
  const locale = oneOf('locale', LOCALES);
  const channel = oneOf('preferred_channel', CHANNELS);
  let marketing: boolean | undefined;
  if (v.consent_marketing !== undefined) {
    marketing = BOOLEANS[v.consent_marketing.toLowerCase()];
    if (marketing === undefined) problems.push('consent_marketing: must be true or false (also yes/no, 1/0)');
  }
  if (problems.length) return err(problems.join('; '));
  const name = v.name ?? '';
  const addresses = [rowAddress(v, 'billing', name), rowAddress(v, 'shipping', name)].filter((a) => a !== undefined);
  const raw = {
    kind,
    name: v.name,
    legalName: v.legal_name,
    taxId: v.tax_id,
    email: v.email,
    phone: v.phone,
    locale,
    preferredChannel: channel,
    birthday: v.birthday,
    tags: v.tags?.split(';').map((t) => t.trim()).filter(Boolean),
    accountManagerId,
    consent: marketing === undefined ? undefined : { marketing },
    notes: v.notes,
    addresses,
  };
  const parsed = CreateCustomerRequest.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.join('.'),
    message: /received undefined/.test(i.message) ? 'is required' : i.message,
  }));
  return err(describeIssues(issues, addresses));
}

/** One customer as a CSV record, in CSV_COLUMNS order. */
export function customerRecord(c: Customer, accountManagerEmail: string | null): string[] {
  const address = (kind: 'billing' | 'shipping') => c.addresses.find((a) => a.kind === kind && a.isDefault) ?? c.addresses.find((a) => a.kind === kind);
  const billing = address('billing');
  const shipping = address('shipping');
  const values: Record<CsvColumn, string | null | undefined> = {
    kind: c.kind,
    name: c.name,
    legal_name: c.legalName,
    tax_id: c.taxId,
    email: c.email,
    phone: c.phone,
    locale: c.locale,
    preferred_channel: c.preferredChannel,
    birthday: c.birthday,
    tags: c.tags.join(';'),
    account_manager_email: accountManagerEmail,
    notes: c.notes,
    billing_line1: billing?.line1,
    billing_city: billing?.city,
    billing_postal_code: billing?.postalCode,
    billing_country: billing?.country,
    shipping_line1: shipping?.line1,
    shipping_city: shipping?.city,
    shipping_postal_code: shipping?.postalCode,
    shipping_country: shipping?.country,
    consent_marketing: c.consent.marketing ? 'true' : 'false',
  };
  return CSV_COLUMNS.map((col) => values[col] ?? '');
}

export const csvText = (records: string[][], header: boolean) => stringify(header ? [[...CSV_COLUMNS], ...records] : records);
