import type { ContactLogList, PageQuery } from '@ordercare/contracts';
import type { Executor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { getCustomer } from '../../customers/index.js';
import type { InboxError } from '../inbox.js';
import { contactLogsOf } from '../inbox.repo.js';

/** A customer's logged contacts, latest first. */
export async function listContacts(db: Executor, customerId: string, page: PageQuery): Promise<Result<ContactLogList, InboxError>> {
  if (!(await getCustomer(db, customerId))) return err({ code: 'customer_not_found', id: customerId });
  return ok(await contactLogsOf(db, customerId, page.limit, page.cursor));
}
