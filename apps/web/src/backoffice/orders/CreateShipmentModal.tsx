import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import type { CreateShipmentRequest, Order } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useWarehouses } from '../inventory/api';
import { useCarriers, useCreateShipment } from './shipmentsApi';

/** A translated text for the refusals a person can fix here, else the server's detail. */
export function shipmentError(t: TFunction, error: unknown): string | undefined {
  const code = problemOf(error)?.code;
  if (code === 'exceeds_remaining') return t('shipments.errors.exceedsRemaining');
  if (code === 'not_reserved') return t('shipments.errors.notReserved');
  if (code === 'payment_required') return t('shipments.errors.paymentRequired');
  if (code === 'order_not_shippable') return t('shipments.errors.notShippable');
  if (code === 'shipment_delivered') return t('shipments.errors.shipmentDelivered');
  if (code === 'validation_failed' && problemOf(error)?.errors?.some((e) => e.path === 'body.warehouseId')) return t('shipments.errors.warehouseRequired');
  return undefined;
}

/** Pick lines and quantities (each starts at what remains), where from, and how it travels. */
export function CreateShipmentModal({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateShipment(order.id);
  const carriers = useCarriers();
  const warehouses = useWarehouses();
  const [key] = useState(() => crypto.randomUUID());
  const open = order.lines.filter((l) => l.quantity > l.shipped);
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries(open.map((l) => [l.id, l.quantity - l.shipped])));
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [carrier, setCarrier] = useState<string | null>(null);
  const [service, setService] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [packages, setPackages] = useState<number>(1);
  const [weight, setWeight] = useState<number | ''>('');
  const [eta, setEta] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [missing, setMissing] = useState<'carrier' | 'lines' | null>(null);
  const needsOverride = problemOf(create.error)?.code === 'payment_required' || overrideReason !== '';

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const lines = open.map((l) => ({ lineId: l.id, quantity: quantities[l.id] ?? 0 })).filter((l) => l.quantity > 0);
    if (!carrier) return setMissing('carrier');
    if (lines.length === 0) return setMissing('lines');
    const body: CreateShipmentRequest = {
      lines,
      carrier,
      packages,
      ...(warehouseId ? { warehouseId } : {}),
      ...(service.trim() ? { service: service.trim() } : {}),
      ...(trackingNumber.trim() ? { trackingNumber: trackingNumber.trim() } : {}),
      ...(weight !== '' ? { weightGrams: Math.round(weight * 1000) } : {}),
      ...(eta ? { estimatedDeliveryDate: eta } : {}),
      ...(overrideReason.trim() ? { paymentOverride: { reason: overrideReason.trim() } } : {}),
    };
    create.mutate({ body, idempotencyKey: `${key}:${overrideReason.trim() ? 'override' : 'plain'}` }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={t('shipments.create.title', { number: order.number })} size="xl" centered data-testid="shipment-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={create.error} title={t('shipments.create.failed')} message={shipmentError(t, create.error)} testId="shipment-error" />
          <Text fw={600} fz="sm">
            {t('shipments.create.lines')}
          </Text>
          <Table data-testid="shipment-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>SKU</Table.Th>
                <Table.Th ta="right">{t('shipments.create.remaining')}</Table.Th>
                <Table.Th w={140}>{t('shipments.create.quantity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {open.map((l) => (
                <Table.Tr key={l.id} data-testid="shipment-line" data-sku={l.sku}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>
                      {l.sku}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {l.name}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{l.quantity - l.shipped}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      min={0}
                      max={l.quantity - l.shipped}
                      allowDecimal={false}
                      value={quantities[l.id] ?? 0}
                      onChange={(v) => {
                        setQuantities((q) => ({ ...q, [l.id]: typeof v === 'number' ? v : 0 }));
                        setMissing(null);
                      }}
                      aria-label={t('shipments.create.quantityOf', { sku: l.sku })}
                      data-testid={`shipment-qty-${l.sku}`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {missing === 'lines' ? (
            <Text c="red" fz="sm" data-testid="shipment-no-lines">
              {t('shipments.create.nothingSelected')}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('shipments.warehouse')}
              placeholder={t('shipments.create.warehouseAuto')}
              description={t('shipments.create.warehouseHint')}
              data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
              value={warehouseId}
              onChange={setWarehouseId}
              clearable
              data-testid="shipment-warehouse"
            />
            <Select
              label={t('shipments.carrier')}
              required
              data={(carriers.data?.data ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.name }))}
              value={carrier}
              onChange={(v) => {
                setCarrier(v);
                setMissing(null);
              }}
              error={missing === 'carrier' ? t('shipments.create.carrierRequired') : undefined}
              data-testid="shipment-carrier"
            />
            <TextInput label={t('shipments.service')} maxLength={100} value={service} onChange={(e) => setService(e.currentTarget.value)} data-testid="shipment-service" />
            <TextInput label={t('shipments.trackingNumber')} maxLength={100} value={trackingNumber} onChange={(e) => setTrackingNumber(e.currentTarget.value)} data-testid="shipment-tracking" />
            <NumberInput label={t('shipments.packages')} min={1} allowDecimal={false} value={packages} onChange={(v) => setPackages(typeof v === 'number' && v > 0 ? v : 1)} data-testid="shipment-packages" />
            <NumberInput label={t('shipments.weightKg')} min={0} decimalScale={3} value={weight} onChange={(v) => setWeight(typeof v === 'number' ? v : '')} data-testid="shipment-weight" />
            <TextInput type="date" label={t('shipments.estimatedDelivery')} value={eta} onChange={(e) => setEta(e.currentTarget.value)} data-testid="shipment-eta" />
          </SimpleGrid>
          {needsOverride ? (
            <Textarea
              label={t('shipments.create.overrideReason')}
              description={t('shipments.create.overrideHint')}
              autosize
              minRows={2}
              maxLength={1000}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.currentTarget.value)}
              data-testid="shipment-override"
            />
          ) : null}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('shipments.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="shipment-submit">
              {t('shipments.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
