import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The signing secret, shown once after create or rotate, with a copy button. */
export function SecretReveal({ secret }: { secret: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('webhooks.secret.title')} data-testid="webhook-secret-panel">
      <Stack gap="xs">
        <Text fz="sm">{t('webhooks.secret.once')}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="webhook-secret" style={{ overflowWrap: 'anywhere' }}>
            {secret}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy} data-testid="webhook-secret-copy">
                {copied ? t('webhooks.secret.copied') : t('webhooks.secret.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
