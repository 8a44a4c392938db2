import type { CreateCustomerRequest, UpdateCustomerRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { ok, type Result } from '../../../platform/result.js';
import { findStaffUser } from '../../identity/index.js';
import { profileOf, type AddressData, type CustomerError, type CustomerProfile } from '../customer.js';
import { describeIssues, parseCustomersCsv, rowToRequest, type CsvRow, type LineError } from '../customer-csv.js';
import * as repo from '../customer.repo.js';
import { createCustomer, profileFromRequest, type WriteOptions } from './create-customer.js';
import { updateCustomer } from './update-customer.js';

/** Rows per transaction: progress is visible after each chunk, and a crash loses at most one chunk. */
export const IMPORT_CHUNK_ROWS = 200;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  errors: LineError[];
}

export interface ImportSummary extends ImportCounts {
  totalRows: number;
}

type RowOutcome = 'created' | 'updated' | 'unchanged' | LineError;
type ManagerCache = Map<string, string | null>;

function describeError(e: CustomerError, request: CreateCustomerRequest): string {
  switch (e.code) {
    case 'invalid':
      return describeIssues(e.errors, request.addresses);
    case 'duplicate_customer':
      return `${e.field === 'email' ? 'email' : 'tax_id'}: is already used by customer ${e.existing.id} (${e.existing.name})`;
    default:
      return e.code;
  }
}

/** The existing customer a row stands for: same email, else same tax id, else same name and phone. */
async function matchExisting(tx: Executor, p: CustomerProfile): Promise<string | undefined> {
  if (p.email) {
    const byEmail = await repo.findByEmail(tx, p.email);
    if (byEmail) return byEmail.id;
  }
  if (p.taxId) {
    const byTaxId = await repo.findByTaxId(tx, p.taxId);
    if (byTaxId) return byTaxId.id;
  }
  const byName = await repo.findByNameAndPhone(tx, p.name, p.phone);
  if (!byName) return undefined;
  // A customer with another email or tax id is someone else of the same name.
  const other = await repo.findCustomerRow(tx, byName.id);
  const conflicts = (a: string | null, b: string | null) => a !== null && b !== null && a !== b;
  return other && !conflicts(other.email, p.email) && !conflicts(other.tax_id, p.taxId) ? byName.id : undefined;
}

/** Only the cells the row fills change the stored customer; its addresses merge into the stored defaults. */
function patchFromRow(row: CsvRow, r: CreateCustomerRequest, stored: CustomerProfile): UpdateCustomerRequest {
  const v = row.values;
  const patch: UpdateCustomerRequest = {};
  if (v.kind) patch.kind = r.kind;
  if (v.name) patch.name = r.name;
  if (v.legal_name) patch.legalName = r.legalName;
  if (v.tax_id) patch.taxId = r.taxId;
  if (v.email) patch.email = r.email;
  if (v.phone) patch.phone = r.phone;
  if (v.locale) patch.locale = r.locale;
  if (v.preferred_channel) patch.preferredChannel = r.preferredChannel;
  if (v.birthday) patch.birthday = r.birthday;
  if (v.tags) patch.tags = r.tags;
  if (v.account_manager_email) patch.accountManagerId = r.accountManagerId;
  if (v.notes) patch.notes = r.notes;
  if (v.consent_marketing) patch.consent = { marketing: r.consent.marketing };
  const addresses: AddressData[] = [...stored.addresses];
  for (const given of r.addresses) {
    const defaultAt = addresses.findIndex((a) => a.kind === given.kind && a.isDefault);
    const at = defaultAt >= 0 ? defaultAt : addresses.findIndex((a) => a.kind === given.kind);
    if (at < 0) {
      addresses.push({ ...given, isDefault: true });
      continue;
    }
    const base = addresses[at]!;
    const postal = v[`${given.kind}_postal_code`] !== undefined ? given.postalCode : base.postalCode;
    addresses[at] = { ...base, line1: given.line1, city: given.city, postalCode: postal, country: given.country };
  }
  if (r.addresses.length) patch.addresses = addresses;
  return patch;
}

async function importRow(tx: Executor, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, row: CsvRow, managers: ManagerCache, options: WriteOptions): Promise<RowOutcome> {
  const fail = (message: string): LineError => ({ line: row.line, message });
  let managerId: string | undefined;
  const managerEmail = row.values.account_manager_email?.toLowerCase();
  if (managerEmail) {
    if (!managers.has(managerEmail)) managers.set(managerEmail, (await findStaffUser(tx, { email: managerEmail }))?.id ?? null);
    managerId = managers.get(managerEmail) ?? undefined;
    if (!managerId) return fail(`account_manager_email: no active staff user has the email ${managerEmail}`);
  }
  const request = rowToRequest(row, managerId);
  if (!request.ok) return fail(request.error);
  const profile = profileFromRequest(request.value);
  if (!profile.ok) return fail(describeError(profile.error, request.value));

  const existingId = await matchExisting(tx, profile.value);
  if (!existingId) {
    const created = await createCustomer(tx, deps, actor, request.value, options);
    return created.ok ? 'created' : fail(describeError(created.error, request.value));
  }
  const stored = await repo.findCustomer(tx, existingId);
  const patch = patchFromRow(row, request.value, profileOf(stored!));
  const updated = await updateCustomer(tx, deps, actor, existingId, undefined, patch, options);
  if (!updated.ok) return fail(describeError(updated.error, request.value));
  return updated.value.changed.length ? 'updated' : 'unchanged';
}

/**
 * A chunk that lost a race with a concurrent create of the same email or tax id (a unique-index
 * violation) is run again: its rows now find that customer and update it instead.
 */
export async function retryOnUniqueViolation<T>(deps: Pick<Deps, 'ops'>, work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= attempts || !deps.ops.isUniqueViolation(e)) throw e;
    }
  }
}

/** Imports rows in the caller's transaction. A bad row is reported and skipped; it never aborts the others. */
export async function importRows(tx: Executor, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, rows: readonly CsvRow[], options: WriteOptions = {}): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const managers: ManagerCache = new Map();
  for (const row of rows) {
    const outcome = await importRow(tx, deps, actor, row, managers, options);
    if (typeof outcome === 'object') counts.errors.push(outcome);
    else counts[outcome] += 1;
  }
  return counts;
}

/**
 * The whole import, synchronously (the CLI): one transaction per chunk. Re-running the same file
 * changes nothing: every row finds the customer it created before.
 */
export async function importCustomersCsv(
  deps: Deps,
  actor: Actor,
  csv: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<ImportSummary, LineError>> {
  const parsed = parseCustomersCsv(csv);
  if (!parsed.ok) return parsed;
  const rows = parsed.value;
  const summary: ImportSummary = { totalRows: rows.length, created: 0, updated: 0, unchanged: 0, errors: [] };
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) {
    const chunk = rows.slice(i, i + IMPORT_CHUNK_ROWS);
    const counts = await retryOnUniqueViolation(deps, () => deps.db.transaction().execute((tx) => importRows(tx, deps, actor, chunk, { context: { source: 'import' } })));
    summary.created += counts.created;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.errors.push(...counts.errors);
    onProgress?.(Math.min(i + IMPORT_CHUNK_ROWS, rows.length), rows.length);
  }
  return ok(summary);
}
