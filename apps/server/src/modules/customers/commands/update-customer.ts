import type { Customer, UpdateCustomerRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Executor } from '../../../platform/db/index.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { staffUsersById } from '../../identity/index.js';
import { DEFAULT_PHONE_REGION, normaliseContactDetails, phoneRegionFor } from '../contact-details.js';
import { auditable, changedFields, normaliseTags, profileIssues, profileOf, toCustomer, type CustomerError, type CustomerProfile } from '../customer.js';
import * as repo from '../customer.repo.js';
import { checkAccountManager, findDuplicate } from './customer-checks.js';
import type { WriteOptions } from './create-customer.js';

/** Fields present in the patch replace the stored ones; `null` clears; consent is merged per flag. */
export function applyPatch(before: CustomerProfile, patch: UpdateCustomerRequest): CustomerProfile {
  const pick = <K extends keyof CustomerProfile>(k: K, v: CustomerProfile[K] | undefined): CustomerProfile[K] => (v === undefined ? before[k] : v);
  return {
    kind: pick('kind', patch.kind),
    name: pick('name', patch.name),
    legalName: pick('legalName', patch.legalName),
    taxId: pick('taxId', patch.taxId),
    email: pick('email', patch.email),
    phone: pick('phone', patch.phone),
    locale: pick('locale', patch.locale),
    preferredChannel: pick('preferredChannel', patch.preferredChannel),
    birthday: pick('birthday', patch.birthday),
    tags: patch.tags ? normaliseTags(patch.tags) : before.tags,
    accountManagerId: pick('accountManagerId', patch.accountManagerId),
    consent: { ...before.consent, ...stripUndefined(patch.consent ?? {}) },
    notes: pick('notes', patch.notes),
    contacts: pick('contacts', patch.contacts),
    addresses: pick('addresses', patch.addresses),
  };
}

const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface UpdateOutcome {
  customer: Customer;
  /** Profile fields that changed; empty when the patch changed nothing (then nothing was written). */
  changed: string[];
}

/**
 * Applies a patch to a customer in the caller's transaction. `expectedVersion` (from If-Match) must
 * be the stored version; undefined skips the check (the CSV import matches by email instead).
 * A patch that changes nothing writes nothing and keeps the version.
 */
export async function updateCustomer(
  tx: Executor,
  deps: Pick<Deps, 'clock' | 'ops'>,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  patch: UpdateCustomerRequest,
  options: WriteOptions = {},
): Promise<Result<UpdateOutcome, CustomerError>> {
  const row = await repo.lockCustomerRow(tx, deps.ops, id);
  if (!row) return err({ code: 'not_found', entity: 'customer', id });
  if (expectedVersion !== undefined && row.version !== expectedVersion) return err({ code: 'version_conflict', id, current: row.version });
  const record = await repo.loadChildren(tx, row);
  const before = profileOf(record);

  const region = phoneRegionFor(patch.addresses ?? before.addresses, DEFAULT_PHONE_REGION);
  const { value, issues } = normaliseContactDetails(patch, region);
  const after = applyPatch(before, value);
  const all = [...issues, ...profileIssues(after)];
  if (after.accountManagerId !== before.accountManagerId) {
    const manager = await checkAccountManager(tx, after.accountManagerId);
    if (manager.issue) all.push(manager.issue);
  }
  if (all.length) return err({ code: 'invalid', errors: all });

  const changed = changedFields(before, after);
  const managerName = async () => (after.accountManagerId ? ((await staffUsersById(tx, [after.accountManagerId])).get(after.accountManagerId)?.name ?? null) : null);
  if (changed.length === 0) return ok({ customer: toCustomer(record, await managerName()), changed });
  if (changed.includes('email') || changed.includes('taxId')) {
    const duplicate = await findDuplicate(tx, { email: changed.includes('email') ? after.email : null, taxId: changed.includes('taxId') ? after.taxId : null }, id);
    if (duplicate) return err(duplicate);
  }

  const now = deps.clock.now().toISOString();
  const version = row.version + 1;
  await repo.updateCustomerRow(tx, repo.customerRow(id, after, { version, createdAt: row.created_at, updatedAt: now }));
  const parts = new Set<repo.ChildParts>();
  if (changed.includes('contacts')) parts.add('contacts');
  if (changed.includes('addresses')) parts.add('addresses');
  if (changed.includes('tags') || changed.includes('name')) parts.add('tags'); // tag rows carry the sort name
  if (changed.some((f) => ['name', 'legalName', 'email', 'phone', 'taxId', 'contacts'].includes(f))) parts.add('terms');
  await repo.writeChildren(tx, [{ id, profile: after }], parts);
  await recordAudit(tx, { actor, action: 'customer.updated', entityType: 'customer', entityId: id, before: auditable(before), after: auditable(after), at: now, requestId: options.requestId });
  await emitEvent(tx, now, {
    type: 'customer.updated',
    aggregateType: 'customer',
    aggregateId: id,
    payload: { customerId: id, name: after.name, changed, version, actor, ...options.context },
  });
  const saved = await repo.loadChildren(tx, (await repo.findCustomerRow(tx, id))!);
  return ok({ customer: toCustomer(saved, await managerName()), changed });
}
