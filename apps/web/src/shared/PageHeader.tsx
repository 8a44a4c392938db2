import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons on the right (wrapping under the title on phones). */
  actions?: ReactNode;
  /** A `<BackLink>` shown above the title. */
  back?: ReactNode;
  testId?: string;
}

export function PageHeader({ title, subtitle, actions, back, testId = 'page-title' }: PageHeaderProps) {
  return (
    <Stack gap={6}>
      {back}
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 22, sm: 26 }} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {subtitle ? (
            <Text c="dimmed" fz="sm" component="div">
              {subtitle}
            </Text>
          ) : null}
        </Stack>
        {actions ? (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        ) : null}
      </Group>
    </Stack>
  );
}
