import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateProductRequest, IdempotencyHeaders, IdParams, page, Product, ProductIfMatchHeaders, ProductListQuery, STAFF_ROLES, UpdateProductRequest } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { decodeCursor, encodeCursor } from '../../platform/db/index.js';
import { sendProblem, sendStored, type App } from '../../platform/http/index.js';
import { catalogProblem } from './catalog.problems.js';
import * as repo from './catalog.repo.js';
import { createProduct } from './commands/create-product.js';
import { editProduct } from './commands/update-product.js';
import { parseIfMatch, searchWords, toProduct } from './product.js';

const EDITORS = ['admin', 'manager'] as const;

/** Products: create, list and search, read, edit with optimistic concurrency. */
export function registerCatalogRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/products', {
    config: { access: EDITORS },
    schema: { tags: ['catalog'], summary: 'Create a product (honours Idempotency-Key); a taken SKU is 409 duplicate_sku', body: CreateProductRequest, headers: IdempotencyHeaders, response: { 201: Product } },
  }, async (request, reply) => {
    const result = await deps.idempotency.run(request, 201, (tx) => createProduct(tx, deps.clock, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, catalogProblem(result.error));
    deps.wakeWorker();
    return sendStored(reply, result.value);
  });

  r.get('/api/v1/products', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['catalog'], summary: 'List products by SKU; `q` matches words of the SKU, names and model; `sku` finds one SKU exactly', querystring: ProductListQuery, response: { 200: page(Product) } },
  }, async (request) => {
    const { q, sku, active, limit, cursor } = request.query;
    const rows = await repo.listProducts(deps.db, { words: searchWords(q), sku, active, afterSku: decodeCursor(cursor), limit });
    const data = rows.slice(0, limit);
    return { data: data.map(toProduct), nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.sku) : null };
  });

  r.get('/api/v1/products/:id', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['catalog'], summary: 'One product; its ETag is the version to send in If-Match', params: IdParams, response: { 200: Product } },
  }, async (request, reply) => {
    const row = await repo.findById(deps.db, request.params.id);
    if (!row) return sendProblem(reply, catalogProblem({ code: 'not_found', id: request.params.id }));
    reply.header('etag', `"${row.version}"`);
    return toProduct(row);
  });

  r.patch('/api/v1/products/:id', {
    config: { access: EDITORS },
    schema: { tags: ['catalog'], summary: 'Edit a product; needs If-Match: "<version>" (428 without, 412 when stale)', params: IdParams, headers: ProductIfMatchHeaders, body: UpdateProductRequest, response: { 200: Product } },
  }, async (request, reply) => {
    const ifMatch = parseIfMatch(request.headers['if-match']);
    if (!ifMatch.ok) return sendProblem(reply, catalogProblem(ifMatch.error));
    const result = await editProduct(deps, actorOf(request.principal), request.params.id, ifMatch.version, request.body, request.id);
    if (!result.ok) return sendProblem(reply, catalogProblem(result.error));
    deps.wakeWorker();
    reply.header('etag', `"${result.value.version}"`);
    return result.value;
  });
}
