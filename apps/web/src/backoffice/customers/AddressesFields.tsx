import { ActionIcon, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconTrash } from '../../shared/icons';
import { emptyAddress, type CustomerFormValues } from './formValues';

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
    <Stack gap="sm" data-testid="addresses-fields">
      {addresses.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t('customers.form.noAddresses')}
        </Text>
      ) : null}
      {addresses.map((address, index) => (
        <Card key={address.key} withBorder radius="md" padding="sm" data-testid="address-group">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={500} fz="sm">
                {t('customers.form.addressN', { n: index + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('customers.form.removeAddress')}
                title={t('customers.form.removeAddress')}
                data-testid={`address-${index}-remove`}
                onClick={() => form.removeListItem('addresses', index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
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
          </Stack>
        </Card>
      ))}
      {typeof listError === 'string' ? (
        <Text c="red" fz="sm">
          {listError}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="light"
          size="sm"
          leftSection={<IconPlus size={16} />}
          data-testid="address-add"
          onClick={() => form.insertListItem('addresses', emptyAddress(addresses.length === 0 ? 'billing' : 'shipping', true))}
        >
          {t('customers.form.addAddress')}
        </Button>
      </Group>
    </Stack>
  );
}
