import { Button, Center, Loader, Stack } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../shared/links';
import { problemOf } from '../../shared/problem';
import { PageHeader } from '../../shared/PageHeader';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { productName, useCreateProduct, useProduct, useUpdateProduct } from './api';
import { emptyProductValues, productToValues } from './formValues';
import { ProductForm } from './ProductForm';

export function ProductCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateProduct();
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('products.newTitle')} back={<BackLink to="/products">{t('products.title')}</BackLink>} />
      <ProductForm
        initialValues={emptyProductValues()}
        submitLabel={t('products.form.create')}
        onCancel={() => void navigate({ to: '/products' })}
        onSubmit={async (body) => {
          const product = await create.mutateAsync(body);
          await navigate({ to: '/products/$id', params: { id: product.id } });
        }}
      />
    </Stack>
  );
}

const editRoute = getRouteApi('/backoffice/products/$id/edit');

export function ProductEditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = editRoute.useParams();
  const navigate = useNavigate();
  const product = useProduct(id);
  const update = useUpdateProduct(id);
  if (product.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!product.data) return <ProblemAlert error={product.error} />;
  const loaded = product.data;
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title={t('products.editTitle', { name: productName(loaded, locale) })}
        back={<BackLink to="/products/$id" params={{ id }}>{productName(loaded, locale)}</BackLink>}
      />
      <ProductForm
        key={loaded.version}
        initialValues={productToValues(loaded)}
        submitLabel={t('form.save')}
        skuLocked
        onCancel={() => void navigate({ to: '/products/$id', params: { id } })}
        onSubmit={async (body) => {
          const { sku: _sku, ...changes } = body;
          await update.mutateAsync({ version: loaded.version, body: changes });
          await navigate({ to: '/products/$id', params: { id } });
        }}
        renderError={(error) =>
          problemOf(error)?.status === 412
            ? {
                message: t('products.versionConflict'),
                actions: (
                  <Button size="xs" variant="light" color="red" w="fit-content" data-testid="product-reload" onClick={() => void product.refetch()}>
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
