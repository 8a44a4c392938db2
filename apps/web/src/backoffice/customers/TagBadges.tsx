import { Badge, Group, Text } from '@mantine/core';

/** Tags as small badges; after `max` of them, "+N". */
export function TagBadges({ tags, max }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return <Text c="dimmed">—</Text>;
  const shown = max ? tags.slice(0, max) : tags;
  const rest = tags.length - shown.length;
  return (
    <Group gap={4} wrap="wrap" data-testid="tag-badges">
      {shown.map((tag) => (
        <Badge key={tag} variant="outline" color="gray" size="sm" tt="none">
          {tag}
        </Badge>
      ))}
      {rest > 0 ? (
        <Badge variant="transparent" color="gray" size="sm" title={tags.slice(shown.length).join(', ')}>
          +{rest}
        </Badge>
      ) : null}
    </Group>
  );
}
