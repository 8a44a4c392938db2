import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProductRequest, Product, UpdateProductRequest } from '@ordercare/contracts';
import { api, ifMatch } from '../../api/client';
import { useCursorList, type CursorPage } from '../../shared/useCursorList';

export interface ProductFilters {
  q?: string;
  active?: boolean;
}

const BASE = '/api/v1/products';

export const productKeys = {
  all: ['products'] as const,
  list: (filters: ProductFilters) => ['products', 'list', filters] as const,
  detail: (id: string) => ['products', 'detail', id] as const,
};

export function useProductList(filters: ProductFilters) {
  return useCursorList(productKeys.list(filters), (cursor) =>
    api.get<CursorPage<Product>>(BASE, { query: { q: filters.q, active: filters.active === undefined ? undefined : String(filters.active), limit: 25, cursor } }),
  );
}

export function useProduct(id: string) {
  return useQuery({ queryKey: productKeys.detail(id), queryFn: () => api.get<Product>(`${BASE}/${encodeURIComponent(id)}`) });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProductRequest) => api.post<Product>(BASE, body),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productKeys.all });
    },
  });
}

export function useUpdateProduct(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateProductRequest }) =>
      api.patch<Product>(`${BASE}/${encodeURIComponent(id)}`, body, { headers: ifMatch(version) }),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(id), product);
      void queryClient.invalidateQueries({ queryKey: productKeys.all });
      // Stock rows carry the product name.
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}

/** Name in the UI language: the Chinese name in zh-CN when there is one. */
export function productName(product: Pick<Product, 'name' | 'nameZh'>, locale: string): string {
  return locale === 'zh-CN' && product.nameZh ? product.nameZh : product.name;
}
