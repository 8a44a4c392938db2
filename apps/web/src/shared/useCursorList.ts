import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

/** Shape of every list endpoint: `{ data, nextCursor }`. */
export interface CursorPage<T> {
  data: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[];
  /** First page not loaded yet. */
  isLoading: boolean;
  /** Any request in flight (e.g. the first page of new filters). */
  isFetching: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

/**
 * A cursor-paginated list ("Load more"). The previous results stay on screen
 * while the first page of new filters loads, so typing in a search box does not flash.
 */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: { enabled?: boolean } = {},
): CursorList<T> {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  return {
    items: query.data?.pages.flatMap((page) => page.data) ?? [],
    isLoading: query.isPending,
    isFetching: query.isFetching,
    error: query.error,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}
