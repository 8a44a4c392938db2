import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Grid, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm, type GetInputPropsReturnType } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { ORDER_PRIORITIES, PAYMENT_METHODS, type CreateOrderRequest, type Customer, type OrderDiscount, type Product } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { currencyDigits, toMinorUnits } from '../../shared/format';
import { IconPlus } from '../../shared/icons';
import { BackLink } from '../../shared/links';
import { Money } from '../../shared/Money';
import { PageHeader } from '../../shared/PageHeader';
import { applyFieldErrors, problemOf, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useScrollIntoViewOn } from '../../shared/useScrollIntoView';
import { useCreateOrder, useCustomerById } from './api';
import { CustomerPicker } from './CustomerPicker';
import { LineFields, type LineValues } from './LineFields';
import { previewPrice } from './pricing';
import { TotalRow } from '../../shared/orders/OrderParts';

export interface AddressValues {
  name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

interface OrderFormValues {
  customerId: string | null;
  shippingAddress: AddressValues;
  lines: LineValues[];
  requestedDeliveryDate: string | null;
  priority: CreateOrderRequest['priority'];
  paymentMethod: CreateOrderRequest['paymentTerms']['method'];
  installments: number | string;
  netDays: number | string;
  discountType: 'none' | 'fixed' | 'percent';
  discountAmount: number | string;
  discountPercent: number | string;
  shippingCharge: number | string;
  notes: string;
  specialRequirements: string;
}

const DEFAULT_CURRENCY = 'CNY';
let lineSeq = 0;
export const newLine = (): LineValues => ({ key: `l${++lineSeq}`, sku: null, quantity: 1, unitPrice: '' });
export const emptyAddress: AddressValues = { name: '', company: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' };

/** A key that makes a retried submit (double click, network blip) place the order at most once. */
function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The customer's default shipping address (else any shipping address, else any address). */
function defaultShipping(customer: Customer): AddressValues {
  const a =
    customer.addresses.find((x) => x.kind === 'shipping' && x.isDefault) ?? customer.addresses.find((x) => x.kind === 'shipping') ?? customer.addresses[0];
  if (!a) return { ...emptyAddress, name: customer.name };
  return {
    name: a.name,
    company: a.company ?? '',
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    region: a.region ?? '',
    postalCode: a.postalCode ?? '',
    country: a.country,
    phone: a.phone ?? '',
  };
}

export function Section({ title, children, testId, extra }: { title: string; children: ReactNode; testId?: string; extra?: ReactNode }) {
  return (
    <Card withBorder radius="lg" padding="lg" data-testid={testId}>
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="lg">
            {title}
          </Title>
          {extra}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

export const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const num = (v: number | string) => (v === '' || v === undefined ? undefined : Number(v));

/** The address as the API takes it (optional parts left out when blank). */
export function addressBody(a: AddressValues): CreateOrderRequest['shippingAddress'] {
  return {
    name: a.name.trim(),
    company: opt(a.company),
    line1: a.line1.trim(),
    line2: opt(a.line2),
    city: a.city.trim(),
    region: opt(a.region),
    postalCode: opt(a.postalCode),
    country: a.country.trim().toUpperCase(),
    phone: opt(a.phone),
  };
}

/** The shipping-address inputs (shared by the new-order and edit-order forms). */
export function AddressFields({ inputProps }: { inputProps: (field: keyof AddressValues) => GetInputPropsReturnType }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t('orders.form.name')} required data-testid="address-name" {...inputProps('name')} />
      <TextInput label={t('orders.form.company')} data-testid="address-company" {...inputProps('company')} />
      <TextInput label={t('orders.form.line1')} required data-testid="address-line1" {...inputProps('line1')} />
      <TextInput label={t('orders.form.line2')} data-testid="address-line2" {...inputProps('line2')} />
      <TextInput label={t('orders.form.city')} required data-testid="address-city" {...inputProps('city')} />
      <TextInput label={t('orders.form.region')} data-testid="address-region" {...inputProps('region')} />
      <TextInput label={t('orders.form.postalCode')} data-testid="address-postal-code" {...inputProps('postalCode')} />
      <TextInput label={t('orders.form.country')} required maxLength={2} data-testid="address-country" {...inputProps('country')} />
      <TextInput label={t('orders.form.phone')} type="tel" data-testid="address-phone" {...inputProps('phone')} />
    </SimpleGrid>
  );
}

export function OrderCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOrder();
  const [key] = useState(idempotencyKey);
  const [products, setProducts] = useState<Record<string, Product>>({});
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const alertRef = useScrollIntoViewOn<HTMLDivElement>(error);
  const required = t('form.required');
  const req = (v: string) => (v.trim() ? null : required);

  const form = useForm<OrderFormValues>({
    mode: 'controlled',
    initialValues: {
      customerId: null,
      shippingAddress: emptyAddress,
      lines: [newLine()],
      requestedDeliveryDate: null,
      priority: 'normal',
      paymentMethod: 'prepaid',
      installments: 3,
      netDays: 30,
      discountType: 'none',
      discountAmount: '',
      discountPercent: '',
      shippingCharge: '',
      notes: '',
      specialRequirements: '',
    },
    validate: {
      customerId: (v) => (v ? null : required),
      shippingAddress: { name: req, line1: req, city: req, country: req },
      requestedDeliveryDate: (v) => (v ? null : required),
      lines: {
        sku: (v) => (v ? null : required),
        quantity: (v) => (Number(v) >= 1 ? null : required),
      },
    },
  });
  const values = form.getValues();

  // Prefill the shipping address once per chosen customer.
  const customer = useCustomerById(values.customerId);
  const prefilledFor = useRef<string | null>(null);
  const [prefilled, setPrefilled] = useState(false);
  useEffect(() => {
    const c = customer.data;
    if (!c || c.id !== values.customerId || prefilledFor.current === c.id) return;
    prefilledFor.current = c.id;
    form.setFieldValue('shippingAddress', defaultShipping(c));
    setPrefilled(c.addresses.length > 0);
  }, [customer.data, values.customerId]); // when the chosen customer has loaded

  const lineProducts = values.lines.map((line) => (line.sku ? products[line.sku] : undefined));
  const currency = lineProducts.find(Boolean)?.currency ?? DEFAULT_CURRENCY;
  const toMinor = (v: number | string) => (v === '' ? undefined : toMinorUnits(Number(v), currency));

  const discount: OrderDiscount | null =
    values.discountType === 'fixed' && values.discountAmount !== ''
      ? { type: 'fixed', amount: toMinorUnits(Number(values.discountAmount), currency) }
      : values.discountType === 'percent' && values.discountPercent !== ''
        ? { type: 'percent', percent: Number(values.discountPercent) }
        : null;
  const preview = previewPrice(
    values.lines.map((line, i) => ({
      quantity: Number(line.quantity) || 0,
      unitPrice: toMinor(line.unitPrice) ?? lineProducts[i]?.unitPrice ?? 0,
      taxRate: lineProducts[i]?.taxRate ?? 0,
    })),
    discount,
    toMinor(values.shippingCharge) ?? 0,
  );

  const submit = form.onSubmit(async (v) => {
    setError(null);
    setUnmatched([]);
    const a = v.shippingAddress;
    const body: CreateOrderRequest = {
      customerId: v.customerId ?? '',
      currency,
      lines: v.lines.map((line) => ({ sku: line.sku ?? '', quantity: Number(line.quantity), ...(line.unitPrice === '' ? {} : { unitPrice: toMinorUnits(Number(line.unitPrice), currency) }) })),
      shippingAddress: addressBody(a),
      requestedDeliveryDate: v.requestedDeliveryDate ?? '',
      paymentTerms: {
        method: v.paymentMethod,
        ...(v.paymentMethod === 'installments' ? { installments: num(v.installments) } : {}),
        ...(v.paymentMethod === 'net' ? { netDays: num(v.netDays) } : {}),
      },
      priority: v.priority,
      notes: opt(v.notes),
      specialRequirements: opt(v.specialRequirements),
      ...(discount ? { discount } : {}),
      shippingCharge: toMinor(v.shippingCharge) ?? 0,
    };
    try {
      const order = await create.mutateAsync({ body, idempotencyKey: key });
      await navigate({ to: '/orders/$id', params: { id: order.id } });
    } catch (caught) {
      setError(caught);
      setUnmatched(applyFieldErrors(form, caught));
    }
  });

  const lineError = (i: number) => form.errors[`lines.${i}`];
  const insufficient = problemOf(error)?.code === 'insufficient_stock';
  const money = (minor: number) => <Money minor={minor} currency={currency} />;

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader title={t('orders.newTitle')} back={<BackLink to="/orders">{t('orders.title')}</BackLink>} />
      <form onSubmit={submit} noValidate data-testid="order-form">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg">
              {error ? (
                <div ref={alertRef} style={{ scrollMarginTop: 80 }}>
                  <ProblemAlert
                    error={error}
                    fieldErrors={unmatched}
                    title={t('orders.form.failed')}
                    message={insufficient ? t('orders.form.insufficient') : undefined}
                    testId="order-form-error"
                  />
                </div>
              ) : null}
              <Section title={t('orders.form.customerSection')} testId="order-form-customer">
                <CustomerPicker
                  label={t('orders.form.customerPick')}
                  placeholder={t('orders.form.customerPlaceholder')}
                  required
                  data-testid="order-customer"
                  value={values.customerId}
                  error={form.errors.customerId}
                  onChange={(id) => form.setFieldValue('customerId', id)}
                />
              </Section>

              <Section title={t('orders.form.linesSection')} testId="order-form-lines">
                {values.lines.map((line, i) => (
                  <LineFields
                    key={line.key}
                    index={i}
                    line={line}
                    product={lineProducts[i]}
                    earlier={values.lines.slice(0, i).filter((l) => l.sku && l.sku === line.sku).reduce((s, l) => s + (Number(l.quantity) || 0), 0)}
                    currency={currency}
                    inputProps={(field) => form.getInputProps(`lines.${i}.${field}`)}
                    lineError={lineError(i)}
                    onProduct={(product) => {
                      if (product) setProducts((prev) => ({ ...prev, [product.sku]: product }));
                      form.clearFieldError(`lines.${i}`);
                    }}
                    onRemove={values.lines.length > 1 ? () => form.removeListItem('lines', i) : null}
                  />
                ))}
                <Button variant="light" w="fit-content" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('lines', newLine())} data-testid="order-add-line">
                  {t('orders.form.addLine')}
                </Button>
              </Section>

              <Section title={t('orders.form.addressSection')} testId="order-form-address">
                {prefilled && prefilledFor.current === values.customerId ? (
                  <Text fz="sm" c="dimmed">
                    {t('orders.form.addressPrefilled')}
                  </Text>
                ) : null}
                <AddressFields inputProps={(field) => form.getInputProps(`shippingAddress.${field}`)} />
              </Section>

              <Section title={t('orders.form.termsSection')} testId="order-form-terms">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <DateInput
                    label={t('orders.form.requestedDate')}
                    required
                    valueFormat="YYYY-MM-DD"
                    placeholder="YYYY-MM-DD"
                    data-testid="order-requested-date"
                    {...form.getInputProps('requestedDeliveryDate')}
                  />
                  <Select
                    label={t('orders.priority')}
                    allowDeselect={false}
                    data-testid="order-priority"
                    data={ORDER_PRIORITIES.map((p) => ({ value: p, label: t(`orders.priorities.${p}`) }))}
                    {...form.getInputProps('priority')}
                  />
                  <Select
                    label={t('orders.form.method')}
                    allowDeselect={false}
                    data-testid="order-payment-method"
                    data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`orders.payment.${m}`) }))}
                    {...form.getInputProps('paymentMethod')}
                  />
                  {values.paymentMethod === 'installments' ? (
                    <NumberInput label={t('orders.form.installments')} min={2} max={60} allowDecimal={false} data-testid="order-installments" {...form.getInputProps('installments')} />
                  ) : values.paymentMethod === 'net' ? (
                    <NumberInput label={t('orders.form.netDays')} min={0} max={365} allowDecimal={false} data-testid="order-net-days" {...form.getInputProps('netDays')} />
                  ) : (
                    <div />
                  )}
                  <Stack gap={4}>
                    <Text fz="sm" fw={500}>
                      {t('orders.form.discountType')}
                    </Text>
                    <SegmentedControl
                      data-testid="order-discount-type"
                      data={[
                        { value: 'none', label: t('orders.form.noDiscount') },
                        { value: 'fixed', label: t('orders.form.fixed') },
                        { value: 'percent', label: t('orders.form.percent') },
                      ]}
                      {...form.getInputProps('discountType')}
                    />
                  </Stack>
                  {values.discountType === 'fixed' ? (
                    <NumberInput label={t('orders.form.discountAmount')} min={0} decimalScale={currencyDigits(currency)} allowNegative={false} data-testid="order-discount-amount" {...form.getInputProps('discountAmount')} />
                  ) : values.discountType === 'percent' ? (
                    <NumberInput label={t('orders.form.discountPercent')} min={0} max={100} decimalScale={2} allowNegative={false} suffix=" %" data-testid="order-discount-percent" {...form.getInputProps('discountPercent')} />
                  ) : (
                    <div />
                  )}
                  <NumberInput label={t('orders.form.shippingCharge')} min={0} decimalScale={currencyDigits(currency)} allowNegative={false} data-testid="order-shipping" {...form.getInputProps('shippingCharge')} />
                </SimpleGrid>
              </Section>

              <Section title={t('orders.form.notesSection')} testId="order-form-notes">
                <Textarea label={t('orders.notes')} description={t('orders.form.notesHint')} autosize minRows={2} data-testid="order-notes" {...form.getInputProps('notes')} />
                <Textarea label={t('orders.specialRequirements')} description={t('orders.form.specialHint')} autosize minRows={2} data-testid="order-special" {...form.getInputProps('specialRequirements')} />
              </Section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card withBorder radius="lg" padding="lg" data-testid="order-preview" style={{ position: 'sticky', top: 80 }}>
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  {t('orders.form.preview')}
                </Title>
                <Text fz="xs" c="dimmed">
                  {t('orders.form.previewHint')}
                </Text>
                <TotalRow label={t('orders.subtotal')} value={money(preview.totals.subtotal)} testId="preview-subtotal" />
                {preview.totals.discount > 0 ? <TotalRow label={t('orders.discount')} value={<>−{money(preview.totals.discount)}</>} testId="preview-discount" /> : null}
                <TotalRow label={t('orders.tax')} value={money(preview.totals.tax)} testId="preview-tax" />
                <TotalRow label={t('orders.shipping')} value={money(preview.totals.shipping)} testId="preview-shipping" />
                <TotalRow label={t('orders.grandTotal')} value={money(preview.totals.total)} testId="preview-total" strong />
                {preview.discountTooLarge ? (
                  <Alert color="orange" variant="light" p="xs">
                    {t('orders.form.discountTooLarge')}
                  </Alert>
                ) : null}
                <Group justify="flex-end" gap="xs" mt="sm">
                  <Button variant="default" onClick={() => void navigate({ to: '/orders' })}>
                    {t('form.cancel')}
                  </Button>
                  <Button type="submit" loading={create.isPending} data-testid="order-submit">
                    {t('orders.form.submit')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      </form>
    </Stack>
  );
}
