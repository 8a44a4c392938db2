import { ActionIcon, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconTrash } from '../../shared/icons';
import { emptyContact, type CustomerFormValues } from './formValues';

/** Repeatable contact groups (name, role, email, phone, primary). */
export function ContactsFields({ form }: { form: UseFormReturnType<CustomerFormValues> }) {
  const { t } = useTranslation();
  const contacts = form.getValues().contacts;
  const listError = form.errors.contacts;
  return (
    <Stack gap="sm" data-testid="contacts-fields">
      {contacts.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t('customers.form.noContacts')}
        </Text>
      ) : null}
      {contacts.map((contact, index) => (
        <Card key={contact.key} withBorder radius="md" padding="sm" data-testid="contact-group">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={500} fz="sm">
                {t('customers.form.contactN', { n: index + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('customers.form.removeContact')}
                title={t('customers.form.removeContact')}
                data-testid={`contact-${index}-remove`}
                onClick={() => form.removeListItem('contacts', index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
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
          data-testid="contact-add"
          onClick={() => form.insertListItem('contacts', emptyContact(contacts.length === 0))}
        >
          {t('customers.form.addContact')}
        </Button>
      </Group>
    </Stack>
  );
}
