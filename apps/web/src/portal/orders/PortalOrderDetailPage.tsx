import { useState } from 'react';
import { Alert, Button, Card, Center, DataList, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { PortalOrder } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../shared/Field';
import { formatDate } from '../../shared/format';
import { IconFile } from '../../shared/icons';
import { BackLink } from '../../shared/links';
import { StatusBadge } from '../../shared/orders/OrderBadges';
import { OrderJourney } from '../../shared/orders/OrderJourney';
import { AddressBlock, LinesCard, paymentTermsText } from '../../shared/orders/OrderParts';
import { PendingChangeCard, type ChangeDecision } from '../../shared/orders/PendingChangeCard';
import { PageHeader } from '../../shared/PageHeader';
import { problemOf } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';
import { portalDocumentUrl, usePortalDecision, usePortalOrder } from './api';
import { OrderMessagesCard } from '../inbox/OrderMessagesCard';

const route = getRouteApi('/portal/portal-signed-in/orders/$id');

function DocumentsCard({ order }: { order: PortalOrder }) {
  const { t } = useTranslation();
  const link = (kind: 'confirmation' | 'invoice', label: string) => (
    <Button component="a" href={portalDocumentUrl(order.id, kind)} target="_blank" rel="noopener" variant="light" leftSection={<IconFile size={16} />} data-testid={`portal-doc-${kind}`}>
      {label}
    </Button>
  );
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="portal-order-documents">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {t('portal.orders.documents')}
        </Title>
        <Group gap="xs">
          {link('confirmation', t('orders.docs.confirmation'))}
          {order.invoiceAvailable ? link('invoice', t('orders.docs.invoice')) : null}
        </Group>
        {order.invoiceAvailable ? null : (
          <Text fz="xs" c="dimmed">
            {t('portal.orders.invoiceLater')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** One of the customer's orders: where it is, what is in it, and a change to answer. */
export function PortalOrderDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = route.useParams();
  const query = usePortalOrder(id);
  const decision = usePortalDecision(id);
  const [answered, setAnswered] = useState<ChangeDecision | null>(null);
  const back = <BackLink to="/portal/orders">{t('portal.orders.back')}</BackLink>;

  if (query.isLoading) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  const o = query.data;
  if (!o) {
    const notFound = problemOf(query.error)?.status === 404;
    return (
      <Stack gap="lg">
        {back}
        {notFound ? (
          <Alert color="gray" data-testid="portal-order-not-found">
            {t('portal.orders.notFound')}
          </Alert>
        ) : (
          <ProblemAlert error={query.error} />
        )}
      </Stack>
    );
  }
  const pending = decision.isPending ? (decision.variables?.body.decision ?? null) : null;
  const run = async (answer: ChangeDecision, note: string | undefined) => {
    if (!o.pendingChange) return;
    await decision.mutateAsync({ changeId: o.pendingChange.id, body: { decision: answer, ...(note ? { note } : {}) } });
    setAnswered(answer);
  };
  return (
    <Stack gap="lg" data-testid="portal-order" data-number={o.number} data-status={o.status}>
      <PageHeader
        back={back}
        testId="portal-order-title"
        title={
          <Group gap="sm" component="span">
            <span>{o.number}</span>
            <StatusBadge status={o.status} size="lg" />
          </Group>
        }
        subtitle={t('portal.orders.placedAt', { date: formatDate(o.createdAt, locale) })}
      />
      {answered && !o.pendingChange ? (
        <Alert color={answered === 'approve' ? 'teal' : 'gray'} withCloseButton onClose={() => setAnswered(null)} data-testid="portal-change-answered" data-decision={answered}>
          {answered === 'approve' ? t('portal.orders.answered.approved') : t('portal.orders.answered.declined')}
        </Alert>
      ) : null}
      {o.pendingChange ? <PendingChangeCard order={o} change={o.pendingChange} audience="customer" decide={{ run, pending }} /> : null}
      <OrderJourney order={o} cancelledFrom={null} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <LinesCard order={o} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Card withBorder radius="lg" padding="lg" data-testid="portal-order-details">
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  {t('portal.orders.details')}
                </Title>
                <DataList labelWidth={130} withDivider>
                  <Field label={t('orders.requestedDate')}>{formatDate(o.requestedDeliveryDate, locale)}</Field>
                  <Field label={t('orders.promisedDate')}>{o.promisedDeliveryDate ? formatDate(o.promisedDeliveryDate, locale) : null}</Field>
                  <Field label={t('orders.paymentTerms')}>{paymentTermsText(t, o.paymentTerms)}</Field>
                  <Field label={t('orders.paymentStatus')}>{t(`orders.paymentStatuses.${o.paymentStatus}`)}</Field>
                  <Field label={t('orders.specialRequirements')}>{o.specialRequirements ? <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{o.specialRequirements}</Text> : null}</Field>
                </DataList>
                <Text fz="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
                  {t('orders.shippingAddress')}
                </Text>
                <AddressBlock address={o.shippingAddress} />
                {o.billingAddress ? (
                  <>
                    <Text fz="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
                      {t('orders.billingAddress')}
                    </Text>
                    <AddressBlock address={o.billingAddress} />
                  </>
                ) : null}
              </Stack>
            </Card>
            <DocumentsCard order={o} />
            <OrderMessagesCard orderId={o.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
