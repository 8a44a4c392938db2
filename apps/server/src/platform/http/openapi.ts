import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3.1 generated from the same zod schemas the routes validate with, served at
 * /api/v1/openapi.json, with Swagger UI at /docs (its assets ship in the package: no CDN).
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OrderCare API',
        version,
        description:
          'Orders with the customer relationship at the centre. Errors are application/problem+json with a stable `code`. ' +
          'Staff authenticate with the session cookie (writes also send `X-CSRF-Token`) or `Authorization: Bearer <api key>`.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'oc_session' },
          portalCookie: { type: 'apiKey', in: 'cookie', name: 'oc_portal' },
        },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      const schema = out.schema as Record<string, unknown>;
      if (access === 'portal') schema.security = [{ portalCookie: [] }];
      else if (Array.isArray(access)) {
        schema.security = [{ sessionCookie: [] }, { bearerAuth: [] }];
        const roles = access.length ? access.join(', ') : 'nobody';
        schema.description = [schema.description, `Roles: ${roles}.`].filter(Boolean).join('\n\n');
      }
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: '/api/v1/openapi.json', docExpansion: 'list' } });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
