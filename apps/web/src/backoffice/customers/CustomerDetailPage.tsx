import { Badge, Card, Center, DataList, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { Customer } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { ButtonLink, BackLink } from '../../shared/links';
import { formatDate, formatDateTime } from '../../shared/format';
import { IconEdit } from '../../shared/icons';
import { Field } from '../../shared/Field';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { usePermissions } from '../permissions';
import { useCustomer } from './api';
import { AddressCards, ContactsTable } from './CustomerRelations';
import { CustomerOrders } from './CustomerOrders';
import { CustomerTimeline } from './CustomerTimeline';
import { LogContactButton } from './LogContactModal';
import { TagBadges } from './TagBadges';
import { CustomerMessages } from '../messages/CustomerMessages';

const route = getRouteApi('/backoffice/customers/$id');

function ProfileCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const consentFlags = (['marketing', 'email', 'sms', 'phone', 'portal'] as const).map((flag) => (
    <Badge
      key={flag}
      size="sm"
      variant={customer.consent[flag] ? 'light' : 'outline'}
      color={customer.consent[flag] ? 'teal' : 'gray'}
      data-testid={`consent-${flag}`}
      data-value={customer.consent[flag]}
    >
      {customer.consent[flag] ? '✓' : '✗'} {t(`customers.consent.${flag}`)}
    </Badge>
  ));
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="customer-profile">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('customers.form.profile')}
        </Title>
        <DataList labelWidth={150} withDivider>
          <Field label={t('customers.legalName')}>{customer.legalName}</Field>
          <Field label={t('customers.taxId')}>{customer.taxId}</Field>
          <Field label={t('customers.email')} testId="customer-email">{customer.email}</Field>
          <Field label={t('customers.phone')}>{customer.phone}</Field>
          <Field label={t('customers.locale')}>{t(`customers.locales.${customer.locale}`)}</Field>
          <Field label={t('customers.preferredChannel')}>{t(`customers.channels.${customer.preferredChannel}`)}</Field>
          <Field label={t('customers.birthday')}>{customer.birthday ? formatDate(customer.birthday, locale) : null}</Field>
          <Field label={t('customers.accountManager')}>{customer.accountManagerName ?? customer.accountManagerId}</Field>
          <Field label={t('customers.tags')}>
            <TagBadges tags={customer.tags} />
          </Field>
          <Field label={t('customers.consent.title')}>
            <Group gap={6}>{consentFlags}</Group>
          </Field>
          <Field label={t('customers.notes')}>
            {customer.notes ? <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{customer.notes}</Text> : null}
          </Field>
          <Field label={t('customers.created')}>{formatDateTime(customer.createdAt, locale)}</Field>
          <Field label={t('customers.updated')}>{formatDateTime(customer.updatedAt, locale)}</Field>
        </DataList>
      </Stack>
    </Card>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const customer = useCustomer(id);
  const { can } = usePermissions();

  if (customer.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!customer.data) {
    return (
      <Stack maw={960}>
        <PageHeader title={t('customers.title')} back={<BackLink to="/customers">{t('customers.title')}</BackLink>} />
        <ProblemAlert error={customer.error} />
      </Stack>
    );
  }
  const c = customer.data;
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={c.name}
        testId="customer-title"
        subtitle={
          <Group gap="xs" component="span">
            <Badge variant="light" color={c.kind === 'business' ? 'indigo' : 'grape'} size="sm">
              {t(`customers.kinds.${c.kind}`)}
            </Badge>
            <Text span fz="xs" c="dimmed" ff="monospace">
              {c.id}
            </Text>
          </Group>
        }
        back={<BackLink to="/customers">{t('customers.title')}</BackLink>}
        actions={
          can('customers.write') && (
            <ButtonLink to="/customers/$id/edit" params={{ id }} leftSection={<IconEdit size={16} />} data-testid="customer-edit">
              {t('form.edit')}
            </ButtonLink>
          )
        }
      />
      <LogContactButton customerId={c.id} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <ProfileCard customer={c} />
            <ContactsTable contacts={c.contacts} />
            <AddressCards addresses={c.addresses} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <CustomerOrders customerId={c.id} />
            <CustomerTimeline customerId={c.id} />
            <CustomerMessages customerId={c.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
