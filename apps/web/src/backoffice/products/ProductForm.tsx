import { useState, type ReactNode } from 'react';
import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { CreateProductRequest } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { currencyDigits } from '../../shared/format';
import { applyFieldErrors, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useScrollIntoViewOn } from '../../shared/useScrollIntoView';
import { COMMON_CURRENCIES, valuesToRequest, type ProductFormValues } from './formValues';

interface ProductFormProps {
  initialValues: ProductFormValues;
  submitLabel: string;
  /** SKU cannot change once stock is kept under it. */
  skuLocked?: boolean;
  onSubmit: (body: CreateProductRequest) => Promise<unknown>;
  onCancel: () => void;
  renderError?: (error: unknown) => { message: ReactNode; actions?: ReactNode } | null;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="lg" padding="lg">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

export function ProductForm({ initialValues, submitLabel, skuLocked, onSubmit, onCancel, renderError }: ProductFormProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const alertRef = useScrollIntoViewOn<HTMLDivElement>(error);
  const required = (value: unknown) => (String(value ?? '').trim() ? null : t('form.required'));
  const form = useForm<ProductFormValues>({
    mode: 'controlled',
    initialValues,
    validate: { sku: required, name: required, unitPrice: required, currency: required, unit: required },
  });
  const values = form.getValues();
  const currencies = COMMON_CURRENCIES.includes(values.currency) ? COMMON_CURRENCIES : [...COMMON_CURRENCIES, values.currency];

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
  const custom = error && renderError ? renderError(error) : null;
  const option = (name: 'active' | 'trackInventory' | 'allowBackorder' | 'makeToOrder') => (
    <Switch
      label={t(`products.options.${name}`)}
      description={t(`products.options.${name}Hint`)}
      data-testid={`product-${name}`}
      {...form.getInputProps(name, { type: 'checkbox' })}
    />
  );

  return (
    <form onSubmit={submit} noValidate data-testid="product-form">
      <Stack gap="lg">
        {error ? (
          <div ref={alertRef} style={{ scrollMarginTop: 80 }}>
            <ProblemAlert error={error} fieldErrors={unmatched} message={custom?.message} title={t('form.saveFailed')} testId="product-form-error">
              {custom?.actions}
            </ProblemAlert>
          </div>
        ) : null}
        <Section title={t('products.form.product')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('products.sku')} required disabled={skuLocked} data-testid="product-sku" {...form.getInputProps('sku')} />
            <TextInput label={t('products.unit')} required data-testid="product-unit" {...form.getInputProps('unit')} />
            <TextInput label={t('products.nameEn')} required data-testid="product-name" {...form.getInputProps('name')} />
            <TextInput label={t('products.nameZh')} data-testid="product-name-zh" {...form.getInputProps('nameZh')} />
            <TextInput label={t('products.model')} data-testid="product-model" {...form.getInputProps('model')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Textarea label={t('products.specificationEn')} autosize minRows={3} data-testid="product-spec" {...form.getInputProps('specification')} />
            <Textarea label={t('products.specificationZh')} autosize minRows={3} data-testid="product-spec-zh" {...form.getInputProps('specificationZh')} />
          </SimpleGrid>
        </Section>
        <Section title={t('products.form.pricing')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              label={t('products.price')}
              description={t('products.form.priceHint')}
              required
              min={0}
              decimalScale={currencyDigits(values.currency || 'CNY')}
              fixedDecimalScale
              thousandSeparator=","
              data-testid="product-price"
              {...form.getInputProps('unitPrice')}
            />
            <Select
              label={t('products.currency')}
              required
              allowDeselect={false}
              searchable
              data={currencies}
              data-testid="product-currency"
              {...form.getInputProps('currency')}
            />
            <NumberInput
              label={t('products.taxRate')}
              description={t('products.form.taxHint')}
              min={0}
              max={100}
              decimalScale={2}
              suffix=" %"
              data-testid="product-tax"
              {...form.getInputProps('taxRate')}
            />
          </SimpleGrid>
        </Section>
        <Section title={t('products.form.options')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {option('active')}
            {option('trackInventory')}
            {option('allowBackorder')}
            {option('makeToOrder')}
          </SimpleGrid>
        </Section>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-testid="product-cancel">
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={submitting} data-testid="product-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
