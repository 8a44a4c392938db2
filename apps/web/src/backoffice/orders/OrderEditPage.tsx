import { useState } from 'react';
import { Alert, Button, Card, Center, Grid, Group, Loader, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ORDER_PRIORITIES, type Order, type OrderPriority, type OrderStatus, type Product, type UpdateOrderRequest } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { toMinorUnits } from '../../shared/format';
import { IconPlus } from '../../shared/icons';
import { BackLink } from '../../shared/links';
import { Money } from '../../shared/Money';
import { PageHeader } from '../../shared/PageHeader';
import { applyFieldErrors, problemOf, type FieldError } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useScrollIntoViewOn } from '../../shared/useScrollIntoView';
import { editNotes, useOrder, useProductsBySku, useUpdateOrder } from './api';
import { LineFields, type LineValues } from './LineFields';
import { addressBody, AddressFields, newLine, Section, type AddressValues } from './OrderCreatePage';
import { previewPrice } from './pricing';
import { TotalRow } from '../../shared/orders/OrderParts';

const route = getRouteApi('/backoffice/orders/$id/edit');

/** Statuses in which the server refuses edits (409 order_not_editable). */
const NOT_EDITABLE: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'completed', 'cancelled'];

/** Whether the order can be edited now (not shipped or closed, and no change waiting for the customer). */
export function isEditable(order: Order): boolean {
  return !NOT_EDITABLE.includes(order.status) && !order.pendingChange;
}

interface EditValues {
  lines: LineValues[];
  shippingAddress: AddressValues;
  requestedDeliveryDate: string | null;
  promisedDeliveryDate: string | null;
  priority: OrderPriority;
  notes: string;
  specialRequirements: string;
}

const s = (v: string | null | undefined) => v ?? '';

function toValues(order: Order): EditValues {
  const a = order.shippingAddress;
  return {
    lines: order.lines.map((line) => ({ ...newLine(), sku: line.sku, quantity: line.quantity })),
    shippingAddress: {
      name: a.name,
      company: s(a.company),
      line1: a.line1,
      line2: s(a.line2),
      city: a.city,
      region: s(a.region),
      postalCode: s(a.postalCode),
      country: a.country,
      phone: s(a.phone),
    },
    requestedDeliveryDate: order.requestedDeliveryDate,
    promisedDeliveryDate: order.promisedDeliveryDate,
    priority: order.priority,
    notes: s(order.notes),
    specialRequirements: s(order.specialRequirements),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so an untouched field is not rewritten (and a pending change shows just the edit). */
function toBody(order: Order, initial: EditValues, v: EditValues): UpdateOrderRequest {
  const body: UpdateOrderRequest = {};
  const lines = v.lines.map((line) => ({
    sku: line.sku ?? '',
    quantity: Number(line.quantity),
    ...(line.unitPrice === '' ? {} : { unitPrice: toMinorUnits(Number(line.unitPrice), order.currency) }),
  }));
  const before = order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
  if (!same(lines, before)) body.lines = lines;
  if (!same(v.shippingAddress, initial.shippingAddress)) body.shippingAddress = addressBody(v.shippingAddress);
  if (v.requestedDeliveryDate && v.requestedDeliveryDate !== order.requestedDeliveryDate) body.requestedDeliveryDate = v.requestedDeliveryDate;
  if (v.promisedDeliveryDate !== order.promisedDeliveryDate) body.promisedDeliveryDate = v.promisedDeliveryDate;
  if (v.priority !== order.priority) body.priority = v.priority;
  const text = (x: string) => (x.trim() ? x.trim() : null);
  if (text(v.notes) !== order.notes) body.notes = text(v.notes);
  if (text(v.specialRequirements) !== order.specialRequirements) body.specialRequirements = text(v.specialRequirements);
  return body;
}

export function OrderEditPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const order = useOrder(id);
  if (order.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!order.data) return <ProblemAlert error={order.error} />;
  return <EditForm key={order.data.version} order={order.data} onReload={() => void order.refetch()} />;
}

function EditForm({ order, onReload }: { order: Order; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateOrder(order.id);
  const [initial] = useState(() => toValues(order));
  const [picked, setPicked] = useState<Record<string, Product>>({});
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const alertRef = useScrollIntoViewOn<HTMLDivElement>(error);
  const required = t('form.required');
  const req = (v: string) => (v.trim() ? null : required);
  const currency = order.currency;

  const form = useForm<EditValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      shippingAddress: { name: req, line1: req, city: req, country: req },
      requestedDeliveryDate: (v) => (v ? null : required),
      lines: {
        sku: (v) => (v ? null : required),
        quantity: (v) => (Number(v) >= 1 ? null : required),
      },
    },
  });
  const values = form.getValues();

  // The catalog products of the lines already on the order (for availability and badges).
  const orderSkus = [...new Set(order.lines.map((l) => l.sku))];
  const loaded = useProductsBySku(orderSkus);
  const products: Record<string, Product> = {};
  loaded.forEach((q, i) => {
    const sku = orderSkus[i];
    if (sku && q.data) products[sku] = q.data;
  });
  Object.assign(products, picked);
  const lineProducts = values.lines.map((line) => (line.sku ? products[line.sku] : undefined));
  // A SKU already on the order keeps its placement price and tax rate; its reserved units are
  // released before the new lines are reserved, so they count as available for this order.
  const onOrder = new Map<string, { unitPrice: number; taxRate: number; quantity: number }>();
  for (const l of order.lines) {
    const prev = onOrder.get(l.sku);
    onOrder.set(l.sku, { unitPrice: l.unitPrice, taxRate: l.taxRate, quantity: (prev?.quantity ?? 0) + l.quantity - l.backordered });
  }
  const live = !NOT_EDITABLE.includes(order.status);
  const toMinor = (v: number | string) => (v === '' ? undefined : toMinorUnits(Number(v), currency));
  const preview = previewPrice(
    values.lines.map((line, i) => {
      const kept = line.sku ? onOrder.get(line.sku) : undefined;
      return {
        quantity: Number(line.quantity) || 0,
        unitPrice: toMinor(line.unitPrice) ?? kept?.unitPrice ?? lineProducts[i]?.unitPrice ?? 0,
        taxRate: kept?.taxRate ?? lineProducts[i]?.taxRate ?? 0,
      };
    }),
    order.discount,
    order.totals.shipping,
  );
  const confirmed = order.status !== 'placed' && !(order.status === 'on_hold' && order.heldFrom === 'placed');
  const needsApproval = confirmed && preview.totals.total !== order.totals.total;

  const submit = form.onSubmit(async (v) => {
    setError(null);
    setUnmatched([]);
    const body = toBody(order, initial, v);
    if (Object.keys(body).length === 0) {
      await navigate({ to: '/orders/$id', params: { id: order.id } });
      return;
    }
    try {
      const saved = await update.mutateAsync({ version: order.version, body });
      editNotes.set(order.id, saved.pendingChange ? 'pending' : 'applied');
      await navigate({ to: '/orders/$id', params: { id: order.id } });
    } catch (caught) {
      setError(caught);
      setUnmatched(applyFieldErrors(form, caught));
    }
  });

  const problem = problemOf(error);
  const message =
    problem?.code === 'insufficient_stock'
      ? t('orders.form.insufficient')
      : problem?.status === 412
        ? t('orders.edit.versionConflict')
        : problem?.code === 'change_pending'
          ? t('orders.edit.changePending')
          : problem?.code === 'order_not_editable'
            ? t('orders.edit.notEditable')
            : undefined;
  const money = (minor: number) => <Money minor={minor} currency={currency} />;
  const back = () => void navigate({ to: '/orders/$id', params: { id: order.id } });

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title={t('orders.edit.title', { number: order.number })}
        subtitle={order.customerName}
        back={
          <BackLink to="/orders/$id" params={{ id: order.id }}>
            {order.number}
          </BackLink>
        }
      />
      <form onSubmit={submit} noValidate data-testid="order-edit-form">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg">
              {!isEditable(order) ? (
                <Alert color="orange" variant="light" data-testid="order-edit-blocked">
                  {order.pendingChange ? t('orders.edit.changePending') : t('orders.edit.notEditable')}
                </Alert>
              ) : null}
              {error ? (
                <div ref={alertRef} style={{ scrollMarginTop: 80 }}>
                  <ProblemAlert error={error} fieldErrors={unmatched} title={t('orders.edit.failed')} message={message} testId="order-form-error">
                    {problem?.status === 412 ? (
                      <Button size="xs" variant="light" color="red" w="fit-content" data-testid="order-edit-reload" onClick={onReload}>
                        {t('customers.reload')}
                      </Button>
                    ) : null}
                  </ProblemAlert>
                </div>
              ) : null}
              <Section title={t('orders.form.linesSection')} testId="order-form-lines">
                {values.lines.map((line, i) => {
                  const earlier = values.lines.slice(0, i).filter((l) => l.sku && l.sku === line.sku).reduce((sum, l) => sum + (Number(l.quantity) || 0), 0);
                  const mine = live && line.sku ? (onOrder.get(line.sku)?.quantity ?? 0) : 0;
                  return (
                    <LineFields
                      key={line.key}
                      index={i}
                      line={line}
                      product={lineProducts[i]}
                      earlier={earlier - mine}
                      currency={currency}
                      inputProps={(field) => form.getInputProps(`lines.${i}.${field}`)}
                      lineError={form.errors[`lines.${i}`]}
                      onProduct={(product) => {
                        if (product) setPicked((prev) => ({ ...prev, [product.sku]: product }));
                        form.clearFieldError(`lines.${i}`);
                      }}
                      onRemove={values.lines.length > 1 ? () => form.removeListItem('lines', i) : null}
                    />
                  );
                })}
                <Button variant="light" w="fit-content" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('lines', newLine())} data-testid="order-add-line">
                  {t('orders.form.addLine')}
                </Button>
                <Text fz="xs" c="dimmed">
                  {t('orders.edit.priceKept')}
                </Text>
              </Section>

              <Section title={t('orders.form.addressSection')} testId="order-form-address">
                <AddressFields inputProps={(field) => form.getInputProps(`shippingAddress.${field}`)} />
              </Section>

              <Section title={t('orders.edit.datesSection')} testId="order-form-terms">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <DateInput
                    label={t('orders.form.requestedDate')}
                    required
                    valueFormat="YYYY-MM-DD"
                    placeholder="YYYY-MM-DD"
                    data-testid="order-requested-date"
                    {...form.getInputProps('requestedDeliveryDate')}
                  />
                  <DateInput
                    label={t('orders.promisedDate')}
                    clearable
                    valueFormat="YYYY-MM-DD"
                    placeholder="YYYY-MM-DD"
                    data-testid="order-promised-date"
                    {...form.getInputProps('promisedDeliveryDate')}
                  />
                  <Select
                    label={t('orders.priority')}
                    allowDeselect={false}
                    data-testid="order-priority"
                    data={ORDER_PRIORITIES.map((p) => ({ value: p, label: t(`orders.priorities.${p}`) }))}
                    {...form.getInputProps('priority')}
                  />
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
                  {t('orders.edit.previewHint')}
                </Text>
                <TotalRow label={t('orders.edit.currentTotal')} value={money(order.totals.total)} testId="preview-current-total" />
                <TotalRow label={t('orders.subtotal')} value={money(preview.totals.subtotal)} testId="preview-subtotal" />
                {preview.totals.discount > 0 ? <TotalRow label={t('orders.discount')} value={<>−{money(preview.totals.discount)}</>} testId="preview-discount" /> : null}
                <TotalRow label={t('orders.tax')} value={money(preview.totals.tax)} testId="preview-tax" />
                <TotalRow label={t('orders.shipping')} value={money(preview.totals.shipping)} testId="preview-shipping" />
                <TotalRow label={t('orders.edit.newTotal')} value={money(preview.totals.total)} testId="preview-total" strong />
                {needsApproval ? (
                  <Alert color="yellow" variant="light" p="xs" data-testid="order-edit-needs-approval">
                    {t('orders.edit.needsApproval')}
                  </Alert>
                ) : null}
                <Group justify="flex-end" gap="xs" mt="sm">
                  <Button variant="default" onClick={back}>
                    {t('form.cancel')}
                  </Button>
                  <Button type="submit" loading={update.isPending} disabled={!isEditable(order)} data-testid="order-edit-submit">
                    {needsApproval ? t('orders.edit.submitForApproval') : t('form.save')}
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
