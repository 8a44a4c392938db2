import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Contact, CustomerAddress } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';

export function ContactsTable({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="customer-contacts">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('customers.contacts')}
        </Title>
        {contacts.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {t('customers.form.noContacts')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520} type="native">
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customers.contactName')}</Table.Th>
                  <Table.Th>{t('customers.contactRole')}</Table.Th>
                  <Table.Th>{t('customers.email')}</Table.Th>
                  <Table.Th>{t('customers.phone')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((contact) => (
                  <Table.Tr key={contact.id} data-testid="contact-row">
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text fz="sm" fw={500}>
                          {contact.name}
                        </Text>
                        {contact.isPrimary ? (
                          <Badge size="xs" variant="light">
                            {t('customers.primary')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{contact.role ?? '—'}</Table.Td>
                    <Table.Td>{contact.email ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{contact.phone ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

export function AddressCards({ addresses }: { addresses: CustomerAddress[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="customer-addresses">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('customers.addresses')}
        </Title>
        {addresses.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {t('customers.form.noAddresses')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {addresses.map((address) => (
              <Card key={address.id} withBorder radius="md" padding="sm" bg="gray.0" data-testid="address-card">
                <Group gap={6} mb={6}>
                  <Badge size="sm" variant="light" color={address.kind === 'billing' ? 'blue' : 'orange'}>
                    {t(`customers.addressKinds.${address.kind}`)}
                  </Badge>
                  {address.isDefault ? (
                    <Badge size="sm" variant="outline" color="gray">
                      {t('customers.default')}
                    </Badge>
                  ) : null}
                </Group>
                <Text fz="sm" fw={500}>
                  {address.name}
                </Text>
                {address.company ? <Text fz="sm">{address.company}</Text> : null}
                <Text fz="sm">{address.line1}</Text>
                {address.line2 ? <Text fz="sm">{address.line2}</Text> : null}
                <Text fz="sm">{[address.postalCode, address.city, address.region].filter(Boolean).join(' ')}</Text>
                <Text fz="sm">{address.country}</Text>
                {address.phone ? (
                  <Text fz="sm" c="dimmed">
                    {address.phone}
                  </Text>
                ) : null}
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}
