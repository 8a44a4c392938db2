import type { Customer } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { staffUsersById } from '../../identity/index.js';
import { toCustomer } from '../customer.js';
import * as repo from '../customer.repo.js';

/** One customer with contacts, addresses and the account manager's name; undefined when unknown. */
/** Just the customer's name (one indexed read), for callers that need no more, e.g. placement. */
export async function customerName(db: Executor, id: string): Promise<string | undefined> {
  return (await repo.findCustomerName(db, id))?.name;
}

export async function getCustomer(db: Executor, id: string): Promise<Customer | undefined> {
  const record = await repo.findCustomer(db, id);
  if (!record) return undefined;
  const managerId = record.row.account_manager_id;
  const managers = await staffUsersById(db, managerId ? [managerId] : []);
  return toCustomer(record, managerId ? (managers.get(managerId)?.name ?? null) : null);
}
