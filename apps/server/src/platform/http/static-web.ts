import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import { problem, sendProblem } from './problem.js';

/** Missing files with these extensions are 404s, not the app shell. */
const STATIC_FILE = /\.(?:js|mjs|css|map|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|txt|json|webmanifest)$/i;

/**
 * Serves the built web app (back office at /, portal at /portal) and falls back to index.html for
 * client-side routes. API paths never fall back: they answer a problem+json 404.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const hasBuild = fs.existsSync(`${distDir}/index.html`);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      // Vite names assets by content hash: they never change, so browsers may keep them for a year.
      setHeaders: (res, file) => {
        if (file.includes(`${distDir}/assets/`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/assets/') && !STATIC_FILE.test(path);
    if (!isPage) return sendProblem(reply, problem(404, 'not_found', `No route ${request.method} ${path}.`));
    if (!hasBuild) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built. Run `npm run build` (or `npm start`).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
