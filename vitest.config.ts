import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@ordercare/contracts': path.resolve(import.meta.dirname, 'packages/contracts/src/index.ts') };
const dbSuites = ['apps/server/**/*.db.test.ts'];

/**
 * Test projects: `unit` (pure functions, no database), `sqlite` and `postgres` (every
 * database-backed suite, `*.db.test.ts`, once per engine; the postgres project starts its own
 * throwaway cluster), and `browser` (Playwright driving Debian's Chromium against the real server).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    pool: 'forks',
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['apps/**/*.test.ts', 'packages/**/*.test.ts', 'tools/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.db.test.ts', '**/*.browser.test.ts'],
        },
      },
      {
        resolve: { alias },
        test: { name: 'sqlite', include: dbSuites, env: { OC_TEST_DB: 'sqlite' }, testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'postgres',
          include: dbSuites,
          env: { OC_TEST_DB: 'postgres' },
          globalSetup: ['apps/server/test/support/pg-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['apps/web/e2e/**/*.browser.test.ts'],
          env: { OC_TEST_DB: 'sqlite' },
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
