import { once } from 'node:events';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { STAFF_ROLES, StaffRole, Email, Locale } from '@ordercare/contracts';
import { loadConfig, ConfigError, type Config } from './platform/config.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';
import { createRuntime } from './app.js';
import { seedDemoData, serve } from './main.js';
import { runWorker } from './worker.js';
import { createApiKey, createUser } from './modules/identity/index.js';
import { exportCustomersCsv, importCustomersCsv } from './modules/customers/index.js';
import { SYSTEM_ACTOR } from './platform/auth/index.js';
import { newToken } from './platform/ids.js';

const USAGE = `Usage: ordercare <command> [options]

Commands:
  serve [--port N] [--host H] [--data-dir D] [--database-url URL]   start the API and web app
  worker                                     run the outbox worker as its own process
  migrate                                    apply pending database migrations
  apikey create --name NAME --role ROLE      create an API key; prints only the token
  user create --email E --name N --role ROLE [--password P] [--locale en|zh-CN]
  seed --demo                                add the demo sign-ins if the database has no users
  import customers FILE                      import customers from a CSV file (see README, "Importing customers")
  export customers FILE                      write every customer to a CSV file in the same format (- for stdout)

Every command reads PORT, HOST, DATA_DIR, DATABASE_URL, SMTP_URL, PUBLIC_URL, LOG_LEVEL.
Roles: ${STAFF_ROLES.join(', ')}.`;

const FLAG_ENV: Record<string, string> = { port: 'PORT', host: 'HOST', 'data-dir': 'DATA_DIR', 'database-url': 'DATABASE_URL', 'log-level': 'LOG_LEVEL' };

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, 'log-level': { type: 'string' },
      name: { type: 'string' }, role: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, locale: { type: 'string' },
      demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  const env = { ...process.env };
  for (const [flag, name] of Object.entries(FLAG_ENV)) {
    const v = values[flag as keyof typeof values];
    if (typeof v === 'string') env[name] = v;
  }
  const config = loadConfig(env);

  switch (`${command}${sub ? ` ${sub}` : ''}`) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'worker':
      await runWorker(config);
      return -1;
    case 'migrate': {
      const handle = openDatabase(config.database);
      const applied = await migrateToLatest(handle.db);
      await handle.close();
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
      return 0;
    }
    case 'apikey create': {
      const role = StaffRole.safeParse(values.role);
      if (!values.name || !role.success) return fail(`apikey create needs --name NAME and --role ROLE (one of ${STAFF_ROLES.join(', ')}).`);
      return withRuntime(config, async (deps) => {
        const key = await deps.db.transaction().execute((tx) => createApiKey(tx, deps.clock, SYSTEM_ACTOR, { name: values.name!, role: role.data }));
        process.stdout.write(`${key.token}\n`);
        return 0;
      });
    }
    case 'user create': {
      const email = Email.safeParse(values.email);
      const role = StaffRole.safeParse(values.role);
      const locale = Locale.safeParse(values.locale ?? 'en');
      if (!email.success || !role.success || !values.name || !locale.success) {
        return fail(`user create needs --email EMAIL --name NAME --role ROLE (one of ${STAFF_ROLES.join(', ')}) [--password P] [--locale en|zh-CN].`);
      }
      const password = values.password ?? newToken(12);
      if (password.length < 10) return fail('--password must be at least 10 characters.');
      return withRuntime(config, async (deps) => {
        const result = await createUser(deps, SYSTEM_ACTOR, { email: email.data, name: values.name!, role: role.data, locale: locale.data, password });
        if (!result.ok) return fail(result.error.code === 'email_taken' ? `A user with email ${email.data} already exists.` : result.error.code);
        process.stdout.write(values.password ? `Created ${result.value.id}\n` : `Created ${result.value.id} with password: ${password}\n`);
        return 0;
      });
    }
    case 'seed': {
      if (!values.demo) return fail('seed needs --demo.');
      return withRuntime(config, async (deps) => {
        process.stdout.write((await seedDemoData(deps)) ? 'Demo data created.\n' : 'The database already has users; nothing seeded.\n');
        return 0;
      });
    }
    case 'import customers':
      return importCustomersCommand(config, positionals[2]);
    case 'export customers':
      return exportCustomersCommand(config, positionals[2]);
    default:
      return fail(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
  }
}

/** `import customers FILE`: 0 when the file was processed (even with bad rows), 2 when it could not be read. */
async function importCustomersCommand(config: Config, file: string | undefined): Promise<number> {
  if (!file) return fail('import customers needs a FILE (a CSV with a header row; see README).');
  let csv: string;
  try {
    csv = await fs.readFile(file, 'utf8');
  } catch (e) {
    return fail(`Cannot read ${file}: ${(e as Error).message}`);
  }
  return withRuntime(config, async (deps) => {
    const result = await importCustomersCsv(deps, SYSTEM_ACTOR, csv, (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${done} / ${total} rows`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (!result.ok) return fail(`Cannot import ${file}: line ${result.error.line}: ${result.error.message}`);
    const s = result.value;
    const lines = [`${file}: ${s.totalRows} rows: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors.length} with errors.`];
    for (const e of s.errors) lines.push(`line ${e.line}: ${e.message}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}

/** `export customers FILE`: every customer as CSV (the import format); `-` writes to stdout. */
async function exportCustomersCommand(config: Config, file: string | undefined): Promise<number> {
  if (!file) return fail('export customers needs a FILE (or - for standard output).');
  let handle: fs.FileHandle | undefined;
  if (file !== '-') {
    try {
      handle = await fs.open(file, 'w');
    } catch (e) {
      return fail(`Cannot write ${file}: ${(e as Error).message}`);
    }
  }
  try {
    return await withRuntime(config, async (deps) => {
      for await (const chunk of exportCustomersCsv(deps.db, {})) {
        if (handle) await handle.write(chunk);
        else if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }
      if (handle) process.stdout.write(`Exported customers to ${file}.\n`);
      return 0;
    });
  } finally {
    await handle?.close();
  }
}

async function withRuntime(config: Config, work: (deps: Awaited<ReturnType<typeof createRuntime>>['deps']) => Promise<number>): Promise<number> {
  const runtime = await createRuntime({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, { embeddedWorker: false });
  try {
    return await work(runtime.deps);
  } finally {
    await runtime.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

export async function run(argv: string[]): Promise<void> {
  try {
    const code = await main(argv);
    if (code >= 0) process.exit(code);
  } catch (e) {
    if (e instanceof ConfigError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
