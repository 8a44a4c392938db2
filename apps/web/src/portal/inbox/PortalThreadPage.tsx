import { Alert, Card, Center, Loader, Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink, BackLink } from '../../shared/links';
import { PageHeader } from '../../shared/PageHeader';
import { problemOf } from '../../shared/problem';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { GENERAL } from './api';
import { MessageThread } from './MessageThread';
import { useThread } from './useThread';

const route = getRouteApi('/portal/portal-signed-in/inbox/$thread');

/** One conversation with the reply box; opening it marks it read. */
export function PortalThreadPage() {
  const { t } = useTranslation();
  const { thread: key } = route.useParams();
  const { thread, reply, send } = useThread(key);
  const back = <BackLink to="/portal/inbox">{t('inbox.back')}</BackLink>;
  if (thread.isLoading) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  const data = thread.data;
  if (!data) {
    return (
      <Stack gap="lg">
        {back}
        {problemOf(thread.error)?.status === 404 ? (
          <Alert color="gray" data-testid="inbox-thread-not-found">
            {t('inbox.notFound')}
          </Alert>
        ) : (
          <ProblemAlert error={thread.error} />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        back={back}
        testId="inbox-thread-title"
        title={data.orderNumber ? t('inbox.aboutOrder', { number: data.orderNumber }) : t('inbox.general')}
        actions={
          key !== GENERAL ? (
            <AnchorLink to="/portal/orders/$id" params={{ id: key }} data-testid="inbox-thread-order">
              {t('inbox.viewOrder')}
            </AnchorLink>
          ) : null
        }
      />
      <Card withBorder radius="lg" padding="lg">
        <MessageThread messages={data.data} viewer="customer" onSend={send} sending={reply.isPending} error={reply.error} testId="portal-thread" />
      </Card>
    </Stack>
  );
}
