import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateCustomerRequest,
  Customer,
  CustomerSummary,
  ImportJob,
  TimelineEntry,
  UpdateCustomerRequest,
} from '@ordercare/contracts';
import { api, ifMatch } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';

export interface CustomerFilters {
  q?: string;
  tag?: string;
  kind?: 'business' | 'individual';
  accountManagerId?: string;
}

const BASE = '/api/v1/customers';
const PAGE_SIZE = 25;

export const customerKeys = {
  all: ['customers'] as const,
  list: (filters: CustomerFilters) => ['customers', 'list', filters] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  timeline: (id: string) => ['customers', 'timeline', id] as const,
  importJob: (id: string) => ['customers', 'import', id] as const,
};

/** Query string of the list and of the CSV export (same filters). */
export function filterQuery(filters: CustomerFilters) {
  return { q: filters.q || undefined, tag: filters.tag || undefined, kind: filters.kind, accountManagerId: filters.accountManagerId || undefined };
}

export function exportUrl(filters: CustomerFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filterQuery(filters))) if (value) params.set(key, value);
  const qs = params.toString();
  return `${BASE}/export.csv${qs ? `?${qs}` : ''}`;
}

export function useCustomerList(filters: CustomerFilters) {
  return useCursorList(customerKeys.list(filters), (cursor) =>
    api.get<CursorPage<CustomerSummary>>(BASE, { query: { ...filterQuery(filters), limit: PAGE_SIZE, cursor } }),
  );
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api.get<Customer>(`${BASE}/${encodeURIComponent(id)}`) });
}

export function useTimeline(id: string) {
  return useCursorList(customerKeys.timeline(id), (cursor) =>
    api.get<CursorPage<TimelineEntry>>(`${BASE}/${encodeURIComponent(id)}/timeline`, { query: { limit: 20, cursor } }),
  );
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerRequest) => api.post<Customer>(BASE, body),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    },
  });
}

export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateCustomerRequest }) =>
      api.patch<Customer>(`${BASE}/${encodeURIComponent(id)}`, body, { headers: ifMatch(version) }),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(id), customer);
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    },
  });
}

export function useStartImport() {
  return useMutation({
    mutationFn: (body: { fileName: string; csv: string }) => api.post<ImportJob>(`${BASE}/imports`, body),
  });
}

const FINISHED: ReadonlySet<ImportJob['status']> = new Set(['completed', 'failed']);

/** The import job, polled every 500 ms until it has completed or failed. */
export function useImportJob(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: customerKeys.importJob(id ?? ''),
    queryFn: async () => {
      const job = await api.get<ImportJob>(`${BASE}/imports/${encodeURIComponent(id ?? '')}`);
      if (FINISHED.has(job.status)) void queryClient.invalidateQueries({ queryKey: customerKeys.all, exact: false, predicate: (q) => q.queryKey[1] === 'list' });
      return job;
    },
    enabled: !!id,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 500),
    refetchIntervalInBackground: true,
  });
}

export function isImportFinished(job: ImportJob | undefined): boolean {
  return !!job && FINISHED.has(job.status);
}
