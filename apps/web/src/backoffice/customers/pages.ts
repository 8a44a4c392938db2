/** Entry of the customers chunk (loaded lazily by the router). */
export { CustomersPage } from './CustomersPage';
export { CustomerDetailPage } from './CustomerDetailPage';
export { CustomerCreatePage, CustomerEditPage } from './CustomerFormPages';
export { ImportPage } from './ImportPage';
