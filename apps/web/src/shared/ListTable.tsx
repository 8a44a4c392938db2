import type { ReactNode } from 'react';
import { Button, Card, Center, EmptyState, Loader, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconInbox } from './icons';
import { ProblemAlert } from './ProblemAlert';

/** What `ListTable` needs of a list; `useCursorList` and plain queries both fit. */
export interface ListState<T> {
  items: T[];
  isLoading: boolean;
  isFetching?: boolean;
  error: unknown;
  hasMore?: boolean;
  loadingMore?: boolean;
  loadMore?: () => void;
}

interface ListTableProps<T> {
  list: ListState<T>;
  /** The `<Table.Th>` cells of the header. */
  head: ReactNode;
  row: (item: T) => ReactNode;
  /** Width below which the table scrolls sideways inside its card (phones). */
  minWidth: number;
  empty: { title: string; description?: string; action?: ReactNode };
  testId: string;
}

/** A list in a bordered card: loading, error and empty states, and a "Load more" button. */
export function ListTable<T>({ list, head, row, minWidth, empty, testId }: ListTableProps<T>) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (list.isLoading) {
    body = (
      <Center py="xl" data-testid={`${testId}-loading`}>
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  } else if (list.error && list.items.length === 0) {
    body = (
      <Stack p="md">
        <ProblemAlert error={list.error} testId={`${testId}-error`} />
      </Stack>
    );
  } else if (list.items.length === 0) {
    body = (
      <EmptyState
        py="xl"
        px="md"
        variant="light"
        icon={<IconInbox size={26} />}
        title={empty.title}
        description={empty.description}
        data-testid={`${testId}-empty`}
      >
        {empty.action ? <EmptyState.Actions>{empty.action}</EmptyState.Actions> : null}
      </EmptyState>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={minWidth} type="native">
        <Table
          highlightOnHover
          verticalSpacing="sm"
          horizontalSpacing="md"
          tabularNums
          data-testid={testId}
          style={{ opacity: list.isFetching && !list.loadingMore ? 0.6 : 1, transition: 'opacity 150ms' }}
        >
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{list.items.map(row)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }
  return (
    <Card withBorder radius="lg" padding={0}>
      {body}
      {list.hasMore && list.loadMore ? (
        <Center p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Button
            variant="subtle"
            onClick={list.loadMore}
            loading={list.loadingMore}
            data-testid={`${testId}-more`}
          >
            {t('list.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Card>
  );
}
