import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import { registerCustomerImportRoutes } from './customer-imports.routes.js';
import { registerCustomerRoutes } from './customers.routes.js';
import { importHandler, timelineHandler } from './customers.jobs.js';

export { createCustomer } from './commands/create-customer.js';
export { customerName, getCustomer } from './commands/get-customer.js';
export { customerNameQuery as customerNameColumn, prefetchCustomers } from './customer.repo.js';
export { importCustomersCsv, type ImportSummary } from './commands/import-customers.js';
export { exportCustomersCsv } from './commands/export-customers.js';
export { bulkInsertCustomers } from './commands/bulk-insert.js';
/** The list query itself (bench/customer-search.ts times it against the raw engine). */
export { searchCustomers, type CustomerFilter } from './customer-search.repo.js';
export { filterOf as customerFilterOf, positionCursor as customerListCursor } from './commands/list-customers.js';
export { DEMO_CUSTOMER_ID, seedDemoCustomers } from './seed.js';

export function registerCustomersRoutes(app: App, deps: Deps): void {
  registerCustomerImportRoutes(app, deps);
  registerCustomerRoutes(app, deps);
}

export function customersHandlers(deps: Deps): OutboxHandler[] {
  return [timelineHandler, importHandler(deps)];
}
