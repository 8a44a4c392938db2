import type { InsertObject } from 'kysely';
import { recall, remember, runReused, type Database, type Executor } from '../../platform/db/index.js';
import type { CustomerAddressesTable, CustomerContactsTable, CustomersTable } from '../../platform/db/schema.js';
import type { DialectOps } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { normaliseTags, sortNameOf, type CustomerProfile, type CustomerRecord } from './customer.js';
import { searchTermsOf } from './search-terms.js';

/** Placement runs this for every order: the text is compiled once (`runReused`). */
export const findCustomerName = async (db: Executor, id: string) => (await runReused(db, 'customers.name', [id], () => db.selectFrom('customers').select('name').where('id', '=', id))).rows[0];

/** The customer's name as a scalar subquery of the caller's statement (null when no such customer). */
export const customerNameQuery = (db: Executor, id: string) => db.selectFrom('customers').select('name').where('id', '=', id);

export const findCustomerRow = (db: Executor, id: string) => db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();

/** The row locked for a read-modify-write (PostgreSQL: FOR UPDATE; SQLite's write transaction already is exclusive). */
export const lockCustomerRow = (db: Executor, ops: DialectOps, id: string) =>
  ops.forUpdate(db.selectFrom('customers').selectAll().where('id', '=', id)).executeTakeFirst();

export async function loadChildren(db: Executor, row: CustomersTable): Promise<CustomerRecord> {
  const [contacts, addresses] = await Promise.all([
    db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', row.id).orderBy('position').execute(),
    db.selectFrom('customer_addresses').selectAll().where('customer_id', '=', row.id).orderBy('position').execute(),
  ]);
  return { row, contacts, addresses };
}

export async function findCustomer(db: Executor, id: string): Promise<CustomerRecord | undefined> {
  const known = recall<CustomerRecord | undefined>(db, `customer:${id}`);
  if (known) return known;
  const row = await findCustomerRow(db, id);
  return row ? loadChildren(db, row) : undefined;
}

/**
 * Reads these customers with their contacts and addresses in three statements and lets
 * `findCustomer` answer from them for the rest of the transaction: for an outbox batch, whose
 * handlers never change customers (`OutboxHandler.prepare`).
 */
export async function prefetchCustomers(tx: Executor, ids: readonly string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !recall(tx, `customer:${id}`));
  if (missing.length === 0) return;
  const rows = await tx.selectFrom('customers').selectAll().where('id', 'in', missing).execute();
  const records = new Map((await loadChildrenOfMany(tx, rows)).map((r) => [r.row.id, r]));
  for (const id of missing) remember(tx, `customer:${id}`, records.get(id));
}

/** Children of many customers at once (export, list pages). */
export async function loadChildrenOfMany(db: Executor, rows: CustomersTable[]): Promise<CustomerRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [contacts, addresses] = await Promise.all([
    db.selectFrom('customer_contacts').selectAll().where('customer_id', 'in', ids).orderBy('customer_id').orderBy('position').execute(),
    db.selectFrom('customer_addresses').selectAll().where('customer_id', 'in', ids).orderBy('customer_id').orderBy('position').execute(),
  ]);
  return rows.map((row) => ({ row, contacts: contacts.filter((c) => c.customer_id === row.id), addresses: addresses.filter((a) => a.customer_id === row.id) }));
}

export const findByEmail = (db: Executor, email: string) =>
  db.selectFrom('customers').select(['id', 'name']).where('email', '=', email).executeTakeFirst();

export const findByTaxId = (db: Executor, taxId: string) =>
  db.selectFrom('customers').select(['id', 'name']).where('tax_id', '=', taxId).executeTakeFirst();

/** The oldest customer with this name (case and accents ignored) and phone (null matches null). */
export const findByNameAndPhone = (db: Executor, name: string, phone: string | null) =>
  db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('sort_name', '=', sortNameOf(name))
    .where('phone', phone === null ? 'is' : '=', phone)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();

export function customerRow(id: string, p: CustomerProfile, meta: { version: number; createdAt: string; updatedAt: string }): CustomersTable {
  return {
    id,
    kind: p.kind,
    name: p.name,
    sort_name: sortNameOf(p.name),
    legal_name: p.legalName,
    tax_id: p.taxId,
    email: p.email,
    phone: p.phone,
    locale: p.locale,
    preferred_channel: p.preferredChannel,
    birthday: p.birthday,
    tags: JSON.stringify(normaliseTags(p.tags)),
    account_manager_id: p.accountManagerId,
    consent: JSON.stringify(p.consent),
    notes: p.notes,
    version: meta.version,
    created_at: meta.createdAt,
    updated_at: meta.updatedAt,
  };
}

function contactRows(customerId: string, p: CustomerProfile): CustomerContactsTable[] {
  return p.contacts.map((c, position) => ({
    id: newId('cct'),
    customer_id: customerId,
    position,
    name: c.name,
    role: c.role ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    is_primary: c.isPrimary ? 1 : 0,
  }));
}

function addressRows(customerId: string, p: CustomerProfile): CustomerAddressesTable[] {
  return p.addresses.map((a, position) => ({
    id: newId('adr'),
    customer_id: customerId,
    position,
    kind: a.kind,
    name: a.name,
    company: a.company ?? null,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    region: a.region ?? null,
    postal_code: a.postalCode ?? null,
    country: a.country,
    phone: a.phone ?? null,
    is_default: a.isDefault ? 1 : 0,
  }));
}

/** Inserts many rows in statements of `size` rows (SQLite allows 32,766 parameters per statement). */
async function insertChunked<T extends 'customers' | 'customer_contacts' | 'customer_addresses' | 'customer_search_terms' | 'customer_tags'>(
  db: Executor,
  table: T,
  rows: readonly InsertObject<Database, T>[],
  size: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size)).execute();
  }
}

export type ChildParts = 'contacts' | 'addresses' | 'terms' | 'tags';

/** Writes the child rows and search index of customers; `parts` limits which (an update rewrites only what changed). */
export async function writeChildren(db: Executor, items: readonly { id: string; profile: CustomerProfile }[], parts: ReadonlySet<ChildParts>, fresh = false): Promise<void> {
  const ids = items.map((i) => i.id);
  const clear = async (table: 'customer_contacts' | 'customer_addresses' | 'customer_search_terms' | 'customer_tags') => {
    if (!fresh) await db.deleteFrom(table).where('customer_id', 'in', ids).execute();
  };
  if (parts.has('contacts')) {
    await clear('customer_contacts');
    await insertChunked(db, 'customer_contacts', items.flatMap((i) => contactRows(i.id, i.profile)), 500);
  }
  if (parts.has('addresses')) {
    await clear('customer_addresses');
    await insertChunked(db, 'customer_addresses', items.flatMap((i) => addressRows(i.id, i.profile)), 500);
  }
  if (parts.has('terms')) {
    await clear('customer_search_terms');
    await insertChunked(db, 'customer_search_terms', items.flatMap((i) => searchTermsOf(i.profile).map((term) => ({ term, sort_name: sortNameOf(i.profile.name), customer_id: i.id }))), 3000);
  }
  if (parts.has('tags')) {
    await clear('customer_tags');
    await insertChunked(db, 'customer_tags', items.flatMap((i) => normaliseTags(i.profile.tags).map((tag) => ({ tag, sort_name: sortNameOf(i.profile.name), customer_id: i.id }))), 3000);
  }
}

export const ALL_PARTS: ReadonlySet<ChildParts> = new Set(['contacts', 'addresses', 'terms', 'tags']);

export async function insertCustomers(db: Executor, rows: readonly { row: CustomersTable; profile: CustomerProfile }[]): Promise<void> {
  await insertChunked(db, 'customers', rows.map((r) => r.row), 1000);
  await writeChildren(db, rows.map((r) => ({ id: r.row.id, profile: r.profile })), ALL_PARTS, true);
}

export const updateCustomerRow = (db: Executor, row: CustomersTable) =>
  db.updateTable('customers').set({ ...row, id: undefined, created_at: undefined }).where('id', '=', row.id).execute();

export const countCustomers = async (db: Executor) =>
  Number((await db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
