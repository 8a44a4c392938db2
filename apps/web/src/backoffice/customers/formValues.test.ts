import { describe, expect, it } from 'vitest';
import { emptyAddress, emptyContact, emptyCustomerValues, valuesToRequest } from './formValues';

describe('customer form values → request', () => {
  it('sends blank optional text as null (top level) or leaves it out (contacts, addresses)', () => {
    const values = emptyCustomerValues('zh-CN', 'usr_1');
    values.name = '  Lotus  ';
    values.contacts = [{ ...emptyContact(true), name: 'Mei', email: ' ' }];
    values.addresses = [{ ...emptyAddress('shipping', true), name: 'Lotus', line1: '1 Road', city: 'London', country: 'gb' }];
    const body = valuesToRequest(values);
    expect(body).toMatchObject({ name: 'Lotus', email: null, taxId: null, birthday: null, notes: null, locale: 'zh-CN', accountManagerId: 'usr_1' });
    expect(body.contacts).toEqual([{ name: 'Mei', role: undefined, email: undefined, phone: undefined, isPrimary: true }]);
    expect(body.addresses[0]).toMatchObject({ kind: 'shipping', isDefault: true, country: 'GB', company: undefined });
    // The React keys of the repeatable groups are not sent.
    expect(JSON.stringify(body)).not.toContain('row-');
  });
});
