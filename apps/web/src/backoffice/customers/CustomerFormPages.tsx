import { Button, Center, Loader, Stack } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../shared/links';
import { problemOf } from '../../shared/problem';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { useMe } from '../session';
import { useCreateCustomer, useCustomer, useUpdateCustomer } from './api';
import { CustomerForm } from './CustomerForm';
import { customerToValues, emptyCustomerValues } from './formValues';

export function CustomerCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const locale = useLocale();
  const me = useMe().data?.user;
  const create = useCreateCustomer();
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title={t('customers.newTitle')}
        back={<BackLink to="/customers">{t('customers.title')}</BackLink>}
      />
      <CustomerForm
        initialValues={emptyCustomerValues(locale, me?.id ?? null)}
        submitLabel={t('customers.form.create')}
        onCancel={() => void navigate({ to: '/customers' })}
        onSubmit={async (body) => {
          const customer = await create.mutateAsync(body);
          await navigate({ to: '/customers/$id', params: { id: customer.id } });
        }}
      />
    </Stack>
  );
}

const editRoute = getRouteApi('/backoffice/customers/$id/edit');

export function CustomerEditPage() {
  const { t } = useTranslation();
  const { id } = editRoute.useParams();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const update = useUpdateCustomer(id);

  if (customer.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!customer.data) return <ProblemAlert error={customer.error} />;
  const loaded = customer.data;

  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title={t('customers.editTitle', { name: loaded.name })}
        back={<BackLink to="/customers/$id" params={{ id }}>{loaded.name}</BackLink>}
      />
      <CustomerForm
        // A new form (fresh values) after a reload of a newer version.
        key={loaded.version}
        initialValues={customerToValues(loaded)}
        accountManagerName={loaded.accountManagerName}
        submitLabel={t('form.save')}
        onCancel={() => void navigate({ to: '/customers/$id', params: { id } })}
        onSubmit={async (body) => {
          await update.mutateAsync({ version: loaded.version, body });
          await navigate({ to: '/customers/$id', params: { id } });
        }}
        renderError={(error) =>
          problemOf(error)?.status === 412
            ? {
                message: t('customers.versionConflict'),
                actions: (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    w="fit-content"
                    data-testid="customer-reload"
                    loading={customer.isFetching}
                    onClick={() => void customer.refetch()}
                  >
                    {t('customers.reload')}
                  </Button>
                ),
              }
            : null
        }
      />
    </Stack>
  );
}
