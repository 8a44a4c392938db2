import { Badge, Group, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Product mark: logo, "OrderCare" and the name of the area (back office / portal). */
export function Brand({ area }: { area?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5}>
          <path d="M5 12.5l4.5 4.5L19 7.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </ThemeIcon>
      <Text fw={700} fz="lg" lh={1}>
        {t('app.name')}
      </Text>
      {area ? (
        <Badge variant="light" size="sm" visibleFrom="xs">
          {area}
        </Badge>
      ) : null}
    </Group>
  );
}
