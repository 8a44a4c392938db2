import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../../../../scripts/pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** One PostgreSQL 15 cluster for the whole postgres project; every test file gets its own database. */
export default async function setup(project: TestProject) {
  const external = process.env.OC_TEST_PG_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return;
  }
  const cluster = (await startCluster()) as { url: string; stop: () => void };
  project.provide('pgAdminUrl', cluster.url);
  return () => cluster.stop();
}
