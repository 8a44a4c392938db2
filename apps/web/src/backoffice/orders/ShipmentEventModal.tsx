import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import type { Order, Shipment, ShipmentEventRequest, ShipmentEventType } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { shipmentError } from './CreateShipmentModal';
import { parseMajorAmount } from './paymentsApi';
import { useShipmentEvent } from './shipmentsApi';

const TRACKING_TYPES: ShipmentEventType[] = ['in_transit', 'out_for_delivery', 'exception'];

/** `datetime-local` text (the browser's local time) → ISO UTC; undefined when empty. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** "Add tracking event" (mode event) or "Confirm delivery" (mode deliver: signer, time, cash of a COD order). */
export function ShipmentEventModal({ order, shipment, mode, onClose }: { order: Order; shipment: Shipment; mode: 'event' | 'deliver'; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useShipmentEvent(order.id);
  const cod = order.paymentTerms.method === 'cod';
  const [type, setType] = useState<ShipmentEventType>(mode === 'deliver' ? 'delivered' : 'in_transit');
  const [at, setAt] = useState('');
  const [location, setLocation] = useState('');
  const [note, setNote] = useState('');
  const [signedBy, setSignedBy] = useState('');
  const [cash, setCash] = useState('');
  const [codFailed, setCodFailed] = useState(false);
  const [invalid, setInvalid] = useState<'signedBy' | 'note' | 'cash' | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (type === 'delivered' && !signedBy.trim()) return setInvalid('signedBy');
    if (type === 'exception' && !note.trim()) return setInvalid('note');
    const collected = cash.trim() ? parseMajorAmount(cash, order.currency) : undefined;
    if (collected === null) return setInvalid('cash');
    const iso = localToIso(at);
    const body: ShipmentEventRequest = {
      type,
      ...(iso ? { at: iso } : {}),
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(type === 'delivered' ? { signedBy: signedBy.trim() } : {}),
      ...(type === 'delivered' && collected ? { codCollected: collected } : {}),
      ...(type === 'exception' && codFailed ? { codFailed: true } : {}),
    };
    record.mutate({ shipmentId: shipment.id, body }, { onSuccess: onClose });
  };

  const title = mode === 'deliver' ? t('shipments.deliver.title', { carrier: shipment.carrierName }) : t('shipments.event.title', { carrier: shipment.carrierName });
  return (
    <Modal opened onClose={onClose} title={title} centered data-testid="shipment-event-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={record.error} title={t('shipments.event.failed')} message={shipmentError(t, record.error)} testId="shipment-event-error" />
          {mode === 'event' ? (
            <Select label={t('shipments.event.type')} data={TRACKING_TYPES.map((v) => ({ value: v, label: t(`shipments.statuses.${v}`) }))} value={type} onChange={(v) => v && setType(v as ShipmentEventType)} allowDeselect={false} data-testid="shipment-event-type" />
          ) : null}
          <TextInput type="datetime-local" label={t('shipments.event.at')} description={t('shipments.event.atHint')} value={at} onChange={(e) => setAt(e.currentTarget.value)} data-testid="shipment-event-at" />
          {mode === 'deliver' ? (
            <TextInput
              label={t('shipments.signedBy')}
              required
              maxLength={200}
              value={signedBy}
              error={invalid === 'signedBy' ? t('shipments.deliver.signedByRequired') : undefined}
              onChange={(e) => {
                setSignedBy(e.currentTarget.value);
                setInvalid(null);
              }}
              data-testid="shipment-signed-by"
              data-autofocus
            />
          ) : (
            <TextInput label={t('shipments.event.location')} maxLength={200} value={location} onChange={(e) => setLocation(e.currentTarget.value)} data-testid="shipment-event-location" />
          )}
          {mode === 'deliver' && cod ? (
            <TextInput
              label={t('shipments.deliver.codCollected', { currency: order.currency })}
              description={t('shipments.deliver.codHint')}
              inputMode="decimal"
              value={cash}
              error={invalid === 'cash' ? t('shipments.deliver.codInvalid') : undefined}
              onChange={(e) => {
                setCash(e.currentTarget.value);
                setInvalid(null);
              }}
              data-testid="shipment-cod-collected"
            />
          ) : null}
          {mode === 'event' ? (
            <Textarea
              label={type === 'exception' ? t('shipments.event.reason') : t('shipments.event.note')}
              required={type === 'exception'}
              autosize
              minRows={2}
              maxLength={2000}
              value={note}
              error={invalid === 'note' ? t('shipments.event.reasonRequired') : undefined}
              onChange={(e) => {
                setNote(e.currentTarget.value);
                setInvalid(null);
              }}
              data-testid="shipment-event-note"
            />
          ) : null}
          {mode === 'event' && type === 'exception' && cod ? (
            <Checkbox label={t('shipments.event.codFailed')} checked={codFailed} onChange={(e) => setCodFailed(e.currentTarget.checked)} data-testid="shipment-cod-failed" />
          ) : null}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('shipments.cancel')}
            </Button>
            <Button type="submit" color={mode === 'deliver' ? 'teal' : undefined} loading={record.isPending} data-testid="shipment-event-submit">
              {mode === 'deliver' ? t('shipments.deliver.submit') : t('shipments.event.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
