import { Checkbox, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { emptyAddress, type CustomerFormValues } from './formValues';
import { RepeatableCards } from './RepeatableCards';

/** Repeatable billing / shipping addresses. */
export function AddressesFields({ form }: { form: UseFormReturnType<CustomerFormValues> }) {
  const { t } = useTranslation();
  const addresses = form.getValues().addresses;
  const listError = form.errors.addresses;
  const field = (index: number, name: string) => ({
    'data-testid': `address-${index}-${name}`,
    ...form.getInputProps(`addresses.${index}.${name}`),
  });
  return (
    <RepeatableCards
      name="address"
      items={addresses}
      labels={{ empty: t('customers.form.noAddresses'), title: (n) => t('customers.form.addressN', { n }), remove: t('customers.form.removeAddress'), add: t('customers.form.addAddress') }}
      error={listError}
      onAdd={() => form.insertListItem('addresses', emptyAddress(addresses.length === 0 ? 'billing' : 'shipping', true))}
      onRemove={(index) => form.removeListItem('addresses', index)}
    >
      {(_address, index) => (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('customers.addressKind')}
              allowDeselect={false}
              data={[
                { value: 'billing', label: t('customers.addressKinds.billing') },
                { value: 'shipping', label: t('customers.addressKinds.shipping') },
              ]}
              {...field(index, 'kind')}
            />
            <Checkbox
              label={t('customers.defaultAddress')}
              mt={{ base: 0, sm: 30 }}
              data-testid={`address-${index}-default`}
              {...form.getInputProps(`addresses.${index}.isDefault`, { type: 'checkbox' })}
            />
            <TextInput label={t('customers.address.name')} required {...field(index, 'name')} />
            <TextInput label={t('customers.address.company')} {...field(index, 'company')} />
            <TextInput label={t('customers.address.line1')} required {...field(index, 'line1')} />
            <TextInput label={t('customers.address.line2')} {...field(index, 'line2')} />
            <TextInput label={t('customers.address.city')} required {...field(index, 'city')} />
            <TextInput label={t('customers.address.region')} {...field(index, 'region')} />
            <TextInput label={t('customers.address.postalCode')} {...field(index, 'postalCode')} />
            <TextInput
              label={t('customers.address.country')}
              placeholder={t('customers.address.countryHint')}
              required
              maxLength={2}
              {...field(index, 'country')}
            />
            <TextInput label={t('customers.phone')} type="tel" {...field(index, 'phone')} />
          </SimpleGrid>
      )}
    </RepeatableCards>
  );
}
