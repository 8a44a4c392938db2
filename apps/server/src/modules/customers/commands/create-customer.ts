import type { CreateCustomerRequest, Customer } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { DEFAULT_PHONE_REGION, normaliseContactDetails, phoneRegionFor } from '../contact-details.js';
import { auditable, normaliseTags, profileIssues, toCustomer, type CustomerError, type CustomerProfile } from '../customer.js';
import * as repo from '../customer.repo.js';
import { checkAccountManager, findDuplicate } from './customer-checks.js';

export interface WriteOptions {
  requestId?: string | undefined;
  /** Added to the event payload, e.g. `{ source: 'import', importId }`. */
  context?: Record<string, unknown>;
  /** A fixed id (the demo customer `cus_demo`); normally generated. */
  id?: string;
}

/** The profile a create request describes, phones in E.164; or the field issues. */
export function profileFromRequest(input: CreateCustomerRequest): Result<CustomerProfile, CustomerError> {
  const region = phoneRegionFor(input.addresses, DEFAULT_PHONE_REGION);
  const { value, issues } = normaliseContactDetails(input, region);
  const profile: CustomerProfile = {
    kind: value.kind,
    name: value.name,
    legalName: value.legalName ?? null,
    taxId: value.taxId ?? null,
    email: value.email ?? null,
    phone: value.phone ?? null,
    locale: value.locale,
    preferredChannel: value.preferredChannel,
    birthday: value.birthday ?? null,
    tags: normaliseTags(value.tags),
    accountManagerId: value.accountManagerId ?? null,
    consent: value.consent,
    notes: value.notes ?? null,
    contacts: value.contacts,
    addresses: value.addresses,
  };
  const all = [...issues, ...profileIssues(profile)];
  return all.length ? err({ code: 'invalid', errors: all }) : ok(profile);
}

/**
 * Creates a customer in the caller's transaction: validates, rejects duplicates (same email or tax
 * id), writes the row, contacts, addresses, tags and search terms, the audit entry and the
 * `customer.created` event. Run it through `guardDuplicates` so concurrent creates are answered too.
 */
export async function createCustomer(tx: Executor, deps: Pick<Deps, 'clock'>, actor: Actor, input: CreateCustomerRequest, options: WriteOptions = {}): Promise<Result<Customer, CustomerError>> {
  const prepared = profileFromRequest(input);
  if (!prepared.ok) return prepared;
  const profile = prepared.value;
  const manager = await checkAccountManager(tx, profile.accountManagerId);
  if (manager.issue) return err({ code: 'invalid', errors: [manager.issue] });
  const duplicate = await findDuplicate(tx, profile);
  if (duplicate) return err(duplicate);

  const now = deps.clock.now().toISOString();
  const id = options.id ?? newId('cus');
  const row = repo.customerRow(id, profile, { version: 1, createdAt: now, updatedAt: now });
  await repo.insertCustomers(tx, [{ row, profile }]);
  await recordAudit(tx, { actor, action: 'customer.created', entityType: 'customer', entityId: id, after: auditable(profile), at: now, requestId: options.requestId });
  await emitEvent(tx, now, {
    type: 'customer.created',
    aggregateType: 'customer',
    aggregateId: id,
    payload: { customerId: id, name: profile.name, kind: profile.kind, version: 1, actor, ...options.context },
  });
  const record = await repo.findCustomer(tx, id);
  return ok(toCustomer(record!, manager.name));
}
