import type { Config } from './platform/config.js';
import { createRuntime } from './app.js';
import { DEMO_ADMIN, DEMO_CUSTOMER, seedDemoIdentity } from './modules/identity/index.js';
import { seedDemoCustomers } from './modules/customers/index.js';
import { seedDemoCatalog } from './modules/inventory/index.js';
import { seedDemoSettings } from './modules/settings/index.js';
import { seedDemoCarriers } from './modules/shipments/index.js';
import { seedDemoOrders } from './modules/orders/index.js';
import { verifyPassword } from './platform/auth/index.js';
import type { Db } from './platform/db/index.js';
import type { Deps } from './deps.js';

/** `ordercare serve`: HTTP API + web app (+ the outbox worker unless WORKER=off). */
export async function serve(config: Config): Promise<void> {
  const runtime = await createRuntime(config, { checkpointThread: true, renderThread: true, workerThread: true });
  const { deps, app } = runtime;
  const seeded = await seedDemoData(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  const lines = [``, `  OrderCare is running at ${url}`, `  Database: ${runtime.database.description}${seeded ? ' (demo data created)' : ''}`, `  Customer portal: ${url}/portal   API reference: ${url}/docs`];
  if (await demoLoginStillWorks(deps.db)) {
    lines.push(`  Sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}  (portal: ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password})`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await runtime.close();
      process.exit(0);
    } catch (e) {
      deps.logger.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function demoLoginStillWorks(db: Db): Promise<boolean> {
  const admin = await db.selectFrom('users').select(['password_hash', 'active']).where('email', '=', DEMO_ADMIN.email).executeTakeFirst();
  return admin?.active === 1 && (await verifyPassword(admin.password_hash, DEMO_ADMIN.password));
}

/** Demo data on first start: sign-ins, company settings, customers, products, warehouses and stock (each only when empty). */
export async function seedDemoData(deps: Deps): Promise<boolean> {
  const identity = await seedDemoIdentity(deps);
  if (!identity) return false;
  await seedDemoSettings(deps);
  await seedDemoCustomers(deps);
  await seedDemoCatalog(deps);
  await seedDemoCarriers(deps);
  await seedDemoOrders(deps);
  return true;
}
