import { Checkbox, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { emptyContact, type CustomerFormValues } from './formValues';
import { RepeatableCards } from './RepeatableCards';

/** Repeatable contact groups (name, role, email, phone, primary). */
export function ContactsFields({ form }: { form: UseFormReturnType<CustomerFormValues> }) {
  const { t } = useTranslation();
  const contacts = form.getValues().contacts;
  const listError = form.errors.contacts;
  return (
    <RepeatableCards
      name="contact"
      items={contacts}
      labels={{ empty: t('customers.form.noContacts'), title: (n) => t('customers.form.contactN', { n }), remove: t('customers.form.removeContact'), add: t('customers.form.addContact') }}
      error={listError}
      onAdd={() => form.insertListItem('contacts', emptyContact(contacts.length === 0))}
      onRemove={(index) => form.removeListItem('contacts', index)}
    >
      {(_contact, index) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('customers.contactName')}
              required
              data-testid={`contact-${index}-name`}
              {...form.getInputProps(`contacts.${index}.name`)}
            />
            <TextInput label={t('customers.contactRole')} data-testid={`contact-${index}-role`} {...form.getInputProps(`contacts.${index}.role`)} />
            <TextInput
              label={t('customers.email')}
              type="email"
              data-testid={`contact-${index}-email`}
              {...form.getInputProps(`contacts.${index}.email`)}
            />
            <TextInput label={t('customers.phone')} type="tel" data-testid={`contact-${index}-phone`} {...form.getInputProps(`contacts.${index}.phone`)} />
          </SimpleGrid>
          <Checkbox
            label={t('customers.primaryContact')}
            data-testid={`contact-${index}-primary`}
            {...form.getInputProps(`contacts.${index}.isPrimary`, { type: 'checkbox' })}
          />
        </>
      )}
    </RepeatableCards>
  );
}
