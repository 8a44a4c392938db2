import { useState } from 'react';
import { Button, Card, Checkbox, Group, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { CHANNELS, type CreateCustomerRequest } from '@ordercare/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useScrollIntoViewOn } from '../../shared/useScrollIntoView';
import { useMe } from '../session';
import { useStaffUsers } from '../staffUsers';
import { AddressesFields } from './AddressesFields';
import { ContactsFields } from './ContactsFields';
import { valuesToRequest, type CustomerFormValues } from './formValues';

interface CustomerFormProps {
  initialValues: CustomerFormValues;
  submitLabel: string;
  onSubmit: (body: CreateCustomerRequest) => Promise<unknown>;
  onCancel: () => void;
  /** Name of the stored account manager, for users who cannot list staff. */
  accountManagerName?: string | null;
  /** Replaces the alert text for some errors (e.g. the 412 of a stale edit), with actions. */
  renderError?: (error: unknown) => { message: ReactNode; actions?: ReactNode } | null;
}

const required = (message: string) => (value: string) => (value.trim() ? null : message);

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="lg" padding="lg" data-testid={testId}>
      <Stack gap="md">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** Create and edit form of a customer: profile, consent, contacts, addresses, notes. */
export function CustomerForm({ initialValues, submitLabel, onSubmit, onCancel, accountManagerName, renderError }: CustomerFormProps) {
  const { t } = useTranslation();
  const staff = useStaffUsers();
  const me = useMe().data?.user;
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const alertRef = useScrollIntoViewOn<HTMLDivElement>(error);
  const requiredMsg = t('form.required');
  const form = useForm<CustomerFormValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      name: required(requiredMsg),
      contacts: { name: required(requiredMsg) },
      addresses: { name: required(requiredMsg), line1: required(requiredMsg), city: required(requiredMsg), country: required(requiredMsg) },
    },
  });
  const values = form.getValues();

  const submit = form.onSubmit(async (submitted) => {
    setSubmitting(true);
    setError(null);
    setUnmatched([]);
    try {
      await onSubmit(valuesToRequest(submitted));
    } catch (caught) {
      setError(caught);
      setUnmatched(applyFieldErrors(form, caught));
    } finally {
      setSubmitting(false);
    }
  });

  // Who can be chosen as account manager: every staff user for admins and managers,
  // otherwise the signed-in user (and the current value, shown by id).
  const managerOptions = staff.available
    ? staff.users.filter((user) => user.active || user.id === values.accountManagerId).map((user) => ({ value: user.id, label: user.name }))
    : [
        ...(me ? [{ value: me.id, label: me.name }] : []),
        ...(values.accountManagerId && values.accountManagerId !== me?.id ? [{ value: values.accountManagerId, label: accountManagerName ?? values.accountManagerId }] : []),
      ];
  const custom = error && renderError ? renderError(error) : null;

  return (
    <form onSubmit={submit} noValidate data-testid="customer-form">
      <Stack gap="lg">
        {error ? (
          <div ref={alertRef} style={{ scrollMarginTop: 80 }}>
            <ProblemAlert error={error} fieldErrors={unmatched} message={custom?.message} title={t('form.saveFailed')} testId="customer-form-error">
              {custom?.actions}
            </ProblemAlert>
          </div>
        ) : null}

        <Section title={t('customers.form.profile')}>
          <Stack gap={4}>
            <Text fz="sm" fw={500}>
              {t('customers.kind')}
            </Text>
            <SegmentedControl
              data-testid="customer-kind"
              w="fit-content"
              data={[
                { value: 'business', label: t('customers.kinds.business') },
                { value: 'individual', label: t('customers.kinds.individual') },
              ]}
              {...form.getInputProps('kind')}
            />
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('customers.name')} required data-testid="customer-name" {...form.getInputProps('name')} />
            <TextInput label={t('customers.legalName')} data-testid="customer-legal-name" {...form.getInputProps('legalName')} />
            <TextInput label={t('customers.taxId')} data-testid="customer-tax-id" {...form.getInputProps('taxId')} />
            <TextInput label={t('customers.email')} type="email" data-testid="customer-email" {...form.getInputProps('email')} />
            <TextInput label={t('customers.phone')} type="tel" data-testid="customer-phone" {...form.getInputProps('phone')} />
            <DateInput
              label={t('customers.birthday')}
              valueFormat="YYYY-MM-DD"
              placeholder="YYYY-MM-DD"
              clearable
              maxDate={new Date()}
              data-testid="customer-birthday"
              {...form.getInputProps('birthday')}
            />
            <Select
              label={t('customers.locale')}
              allowDeselect={false}
              data-testid="customer-locale"
              data={[
                { value: 'en', label: t('customers.locales.en') },
                { value: 'zh-CN', label: t('customers.locales.zh-CN') },
              ]}
              {...form.getInputProps('locale')}
            />
            <Select
              label={t('customers.preferredChannel')}
              allowDeselect={false}
              data-testid="customer-channel"
              data={CHANNELS.map((channel) => ({ value: channel, label: t(`customers.channels.${channel}`) }))}
              {...form.getInputProps('preferredChannel')}
            />
            <Select
              label={t('customers.accountManager')}
              placeholder={t('customers.noAccountManager')}
              clearable
              searchable
              data-testid="customer-manager"
              data={managerOptions}
              {...form.getInputProps('accountManagerId')}
            />
            <TagsInput
              label={t('customers.tags')}
              description={t('customers.form.tagsHint')}
              data-testid="customer-tags"
              clearable
              {...form.getInputProps('tags')}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('customers.consent.title')} testId="customer-consent">
          <Text fz="sm" c="dimmed">
            {t('customers.consent.hint')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
            {(['marketing', 'email', 'sms', 'phone', 'portal'] as const).map((flag) => (
              <Checkbox
                key={flag}
                label={t(`customers.consent.${flag}`)}
                data-testid={`consent-${flag}`}
                {...form.getInputProps(`consent.${flag}`, { type: 'checkbox' })}
              />
            ))}
          </SimpleGrid>
        </Section>

        <Section title={t('customers.contacts')}>
          <ContactsFields form={form} />
        </Section>

        <Section title={t('customers.addresses')}>
          <AddressesFields form={form} />
        </Section>

        <Section title={t('customers.notes')}>
          <Textarea
            aria-label={t('customers.notes')}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={5000}
            data-testid="customer-notes"
            {...form.getInputProps('notes')}
          />
        </Section>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-testid="customer-cancel">
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={submitting} data-testid="customer-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
