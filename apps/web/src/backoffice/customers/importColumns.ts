/**
 * Columns of the customer CSV, as read by the server
 * (apps/server/src/modules/customers/commands/import-customers.ts).
 */
export const IMPORT_COLUMNS = [
  { name: 'name', required: true, help: 'import.columns.name' },
  { name: 'kind', required: false, help: 'import.columns.kind' },
  { name: 'legal_name, tax_id', required: false, help: 'import.columns.legal' },
  { name: 'email, phone', required: false, help: 'import.columns.contact' },
  { name: 'locale', required: false, help: 'import.columns.locale' },
  { name: 'preferred_channel', required: false, help: 'import.columns.channel' },
  { name: 'birthday', required: false, help: 'import.columns.birthday' },
  { name: 'tags', required: false, help: 'import.columns.tags' },
  { name: 'account_manager_email', required: false, help: 'import.columns.manager' },
  { name: 'notes', required: false, help: 'import.columns.notes' },
  { name: 'billing_line1, billing_city, billing_postal_code, billing_country', required: false, help: 'import.columns.billing' },
  { name: 'shipping_line1, shipping_city, shipping_postal_code, shipping_country', required: false, help: 'import.columns.shipping' },
  { name: 'consent_marketing', required: false, help: 'import.columns.marketing' },
] as const;
