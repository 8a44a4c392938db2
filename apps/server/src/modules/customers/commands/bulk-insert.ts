import type { CreateCustomerRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { newId } from '../../../platform/ids.js';
import type { CustomerError, CustomerProfile } from '../customer.js';
import * as repo from '../customer.repo.js';
import { profileFromRequest } from './create-customer.js';

/**
 * Loads many new customers at once (benchmarks, migrations from another system): the same
 * validation and the same rows and search terms as `createCustomer`, in multi-row statements and
 * one transaction, but without duplicate checks against each other, audit entries or events.
 */
export async function bulkInsertCustomers(deps: Pick<Deps, 'db' | 'clock'>, inputs: readonly CreateCustomerRequest[]): Promise<Result<string[], CustomerError & { index?: number }>> {
  const now = deps.clock.now().toISOString();
  const items: { row: ReturnType<typeof repo.customerRow>; profile: CustomerProfile }[] = [];
  for (const [index, input] of inputs.entries()) {
    const prepared = profileFromRequest(input);
    if (!prepared.ok) return err({ ...prepared.error, index });
    items.push({ row: repo.customerRow(newId('cus'), prepared.value, { version: 1, createdAt: now, updatedAt: now }), profile: prepared.value });
  }
  await deps.db.transaction().execute((tx) => repo.insertCustomers(tx, items));
  return ok(items.map((i) => i.row.id));
}
