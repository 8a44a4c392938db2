import { Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

/**
 * The body of a card that lists something (an order's messages, a customer's orders): the
 * problem when loading failed, a loader while it loads, a dimmed line when there is nothing,
 * else the items.
 */
export function CardListBody({ list, empty, emptyText, children }: { list: { error: unknown; isLoading: boolean }; empty: boolean; emptyText: string; children: ReactNode }) {
  return (
    <>
      <ProblemAlert error={list.error} />
      {list.isLoading ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : empty ? (
        <Text fz="sm" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        children
      )}
    </>
  );
}
