import { useRef, useState } from 'react';
import { Badge, Box, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { INBOX_BODY_MAX, type InboxMessage } from '@ordercare/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useLocale } from '../../shared/useLocale';

export type ThreadViewer = 'customer' | 'staff';

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Who wrote a message, as the viewer sees it. */
function authorLabel(t: TFunction, m: InboxMessage, viewer: ThreadViewer, customerName?: string): string {
  if (m.direction === 'from_customer') return viewer === 'customer' ? t('inbox.you') : (customerName ?? t('inbox.customer'));
  if (m.author.type === 'system') return t('inbox.automated');
  if (viewer === 'staff') return m.author.name ?? t('inbox.staff');
  return m.author.name ? t('inbox.fromStaff', { name: m.author.name }) : t('inbox.staff');
}

/** Messages oldest first as bubbles (the viewer's own on the right) and a reply box. */
export function MessageThread({ messages, viewer, customerName, onSend, sending, error, testId = 'message-thread' }: {
  messages: InboxMessage[];
  viewer: ThreadViewer;
  customerName?: string;
  onSend: (body: string, idempotencyKey: string) => Promise<unknown>;
  sending: boolean;
  error: unknown;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [body, setBody] = useState('');
  const key = useRef(newKey());
  const own = viewer === 'customer' ? 'from_customer' : 'to_customer';
  const send = async () => {
    const text = body.trim();
    if (!text) return;
    await onSend(text, key.current);
    key.current = newKey();
    setBody('');
  };
  return (
    <Stack gap="sm" data-testid={testId}>
      {messages.length === 0 ? (
        <Text fz="sm" c="dimmed" data-testid="thread-empty">
          {t('inbox.noMessages')}
        </Text>
      ) : (
        <Stack gap="xs">
          {messages.map((m) => {
            const mine = m.direction === own;
            return (
              <Group key={m.id} justify={mine ? 'flex-end' : 'flex-start'}>
                <Paper
                  withBorder
                  radius="md"
                  p="sm"
                  maw="85%"
                  bg={mine ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid="thread-message"
                  data-direction={m.direction}
                >
                  <Group gap="xs" mb={4} wrap="wrap">
                    <Text fz="xs" fw={600}>
                      {authorLabel(t, m, viewer, customerName)}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(m.createdAt, locale)}
                    </Text>
                    {!mine && m.readAt === null ? (
                      <Badge size="xs" color="red" variant="light">
                        {t('inbox.new')}
                      </Badge>
                    ) : null}
                  </Group>
                  {m.subject ? (
                    <Text fz="sm" fw={600}>
                      {m.subject}
                    </Text>
                  ) : null}
                  <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {m.body}
                  </Text>
                </Paper>
              </Group>
            );
          })}
        </Stack>
      )}
      {error ? <ProblemAlert error={error} /> : null}
      <Box>
        <Textarea
          label={viewer === 'customer' ? t('inbox.replyLabel') : t('inbox.writeLabel')}
          placeholder={viewer === 'customer' ? t('inbox.replyPlaceholder') : t('inbox.writePlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={INBOX_BODY_MAX}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          data-testid="thread-reply-body"
        />
        <Group justify="flex-end" mt="xs">
          <Button onClick={() => void send().catch(() => undefined)} loading={sending} disabled={!body.trim()} data-testid="thread-reply-send">
            {t('inbox.send')}
          </Button>
        </Group>
      </Box>
    </Stack>
  );
}
