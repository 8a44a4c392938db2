import { ActionIcon, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconPlus, IconTrash } from '../../shared/icons';

interface RepeatableCardsProps<T extends { key: string }> {
  /** Test ids: `<name>s-fields`, `<name>-group`, `<name>-N-remove`, `<name>-add`. */
  name: string;
  items: T[];
  labels: { empty: string; title: (n: number) => string; remove: string; add: string };
  /** A list-level error from the form (e.g. "only one primary contact"). */
  error: ReactNode;
  onAdd: () => void;
  onRemove: (index: number) => void;
  children: (item: T, index: number) => ReactNode;
}

/** A list of bordered cards with a remove button each and an add button below (contacts, addresses). */
export function RepeatableCards<T extends { key: string }>({ name, items, labels, error, onAdd, onRemove, children }: RepeatableCardsProps<T>) {
  return (
    <Stack gap="sm" data-testid={`${name}s-fields`}>
      {items.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {labels.empty}
        </Text>
      ) : null}
      {items.map((item, index) => (
        <Card key={item.key} withBorder radius="md" padding="sm" data-testid={`${name}-group`}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={500} fz="sm">
                {labels.title(index + 1)}
              </Text>
              <ActionIcon variant="subtle" color="red" aria-label={labels.remove} title={labels.remove} data-testid={`${name}-${index}-remove`} onClick={() => onRemove(index)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {children(item, index)}
          </Stack>
        </Card>
      ))}
      {typeof error === 'string' ? (
        <Text c="red" fz="sm">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button variant="light" size="sm" leftSection={<IconPlus size={16} />} data-testid={`${name}-add`} onClick={onAdd}>
          {labels.add}
        </Button>
      </Group>
    </Stack>
  );
}
