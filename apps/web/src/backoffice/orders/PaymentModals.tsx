import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { PAYMENT_RECORD_METHODS, type Order, type PaymentMethod } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/format';
import { problemOf } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { minorToInput, parseMajorAmount, useRecordPayment, useRecordRefund } from './paymentsApi';

/** A translated text for the payment codes a person can fix, else the server's detail. */
function paymentError(t: TFunction, error: unknown, order: Order, locale: string, limit: number): string | undefined {
  const code = problemOf(error)?.code;
  const money = formatMoney(limit, order.currency, locale);
  if (code === 'overpayment') return t('payments.errors.overpayment', { amount: money });
  if (code === 'refund_exceeds_paid') return t('payments.errors.refundExceedsPaid', { amount: money });
  if (code === 'order_cancelled') return t('payments.errors.orderCancelled');
  return undefined;
}

function useAmountField(initial: number, currency: string) {
  const [text, setText] = useState(() => (initial > 0 ? minorToInput(initial, currency) : ''));
  const [invalid, setInvalid] = useState(false);
  return { text, setText, invalid, setInvalid, minor: () => parseMajorAmount(text, currency) };
}

const methodOptions = (t: TFunction) => PAYMENT_RECORD_METHODS.map((m) => ({ value: m, label: t(`payments.methods.${m}`) }));

/** The amount in major units, as typed; cleared of its error as soon as it changes. */
function AmountInput({ amount, currency, hint, testId }: { amount: ReturnType<typeof useAmountField>; currency: string; hint: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('payments.amount', { currency })}
      description={hint}
      inputMode="decimal"
      required
      value={amount.text}
      error={amount.invalid ? t('payments.amountInvalid') : undefined}
      onChange={(e) => {
        amount.setText(e.currentTarget.value);
        amount.setInvalid(false);
      }}
      data-testid={testId}
      data-autofocus
    />
  );
}

/** Records a payment received; the amount starts at the balance due. One Idempotency-Key per opened modal. */
export function RecordPaymentModal({ order, balanceDue, onClose }: { order: Order; balanceDue: number; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const record = useRecordPayment(order.id);
  const [key] = useState(() => crypto.randomUUID());
  const amount = useAmountField(balanceDue, order.currency);
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const minor = amount.minor();
    if (minor === null) return amount.setInvalid(true);
    record.mutate({ body: { amount: minor, method, ...(reference.trim() ? { reference: reference.trim() } : {}) }, idempotencyKey: key }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={t('payments.record.title', { number: order.number })} centered data-testid="payment-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={record.error} title={t('payments.record.failed')} message={paymentError(t, record.error, order, locale, balanceDue)} testId="payment-error" />
          <AmountInput amount={amount} currency={order.currency} hint={t('payments.record.amountHint', { amount: formatMoney(balanceDue, order.currency, locale) })} testId="payment-amount" />
          <Select label={t('payments.method')} data={methodOptions(t)} value={method} onChange={(v) => v && setMethod(v as PaymentMethod)} allowDeselect={false} data-testid="payment-method" />
          <TextInput label={t('payments.reference')} description={t('payments.referenceHint')} maxLength={500} value={reference} onChange={(e) => setReference(e.currentTarget.value)} data-testid="payment-reference" />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('payments.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="payment-submit">
              {t('payments.record.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Records money paid back; the amount starts at what is refundable, the reason is required. */
export function RefundModal({ order, refundable, onClose }: { order: Order; refundable: number; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const refund = useRecordRefund(order.id);
  const [key] = useState(() => crypto.randomUUID());
  const amount = useAmountField(refundable, order.currency);
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const minor = amount.minor();
    if (minor === null) amount.setInvalid(true);
    if (!reason.trim()) setReasonMissing(true);
    if (minor === null || !reason.trim()) return;
    refund.mutate({ body: { amount: minor, reason: reason.trim(), method }, idempotencyKey: key }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={t('payments.refund.title', { number: order.number })} centered data-testid="refund-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={refund.error} title={t('payments.refund.failed')} message={paymentError(t, refund.error, order, locale, refundable)} testId="refund-error" />
          <AmountInput amount={amount} currency={order.currency} hint={t('payments.refund.amountHint', { amount: formatMoney(refundable, order.currency, locale) })} testId="refund-amount" />
          <Select label={t('payments.method')} data={methodOptions(t)} value={method} onChange={(v) => v && setMethod(v as PaymentMethod)} allowDeselect={false} data-testid="refund-method" />
          <Textarea
            label={t('payments.refund.reason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            error={reasonMissing ? t('payments.refund.reasonRequired') : undefined}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonMissing(false);
            }}
            data-testid="refund-reason"
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('payments.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={refund.isPending} data-testid="refund-submit">
              {t('payments.refund.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
