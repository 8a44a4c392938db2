/** Set-up and invariant checks shared with the module tests. */
export { CLERK as SETUP_ACTOR, customer as setupCustomer, expectLedgerHolds, product as setupProduct, receive, warehouse as setupWarehouse } from '../support/fixtures.js';
