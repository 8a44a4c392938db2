import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { moduleBoundaries } from '../eslint-module-boundaries.js';

// RuleTester reports through the test framework's describe/it; hand it vitest's.
RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

const ORDERS_COMMAND = '/repo/apps/server/src/modules/orders/commands/place.ts';
const ORDERS_ROUTES = '/repo/apps/server/src/modules/orders/orders.routes.ts';
const PLATFORM_FILE = '/repo/apps/server/src/platform/x.ts';
const APP_FILE = '/repo/apps/server/src/app.ts';

ruleTester.run('ordercare/module-boundaries', moduleBoundaries, {
  valid: [
    { name: "another module's index.js", filename: ORDERS_COMMAND, code: "import { findCustomer } from '../../customers/index.js';" },
    { name: "another module's folder (its index)", filename: ORDERS_COMMAND, code: "import { findCustomer } from '../../customers';" },
    { name: 'a file of the same module', filename: ORDERS_ROUTES, code: "import { x } from './x.js';" },
    { name: 'a deeper file of the same module', filename: ORDERS_COMMAND, code: "import { repo } from '../orders.repo.js';" },
    { name: 'platform code from a module', filename: ORDERS_COMMAND, code: "import { newId } from '../../../platform/ids.js';" },
    { name: 'a package import', filename: ORDERS_COMMAND, code: "import { z } from 'zod';" },
    { name: 'app.ts wiring modules through their index', filename: APP_FILE, code: "import { registerOrderRoutes } from './modules/orders/index.js';" },
    { name: 're-export of an index', filename: ORDERS_ROUTES, code: "export { findCustomer } from '../customers/index.js';" },
  ],
  invalid: [
    {
      name: "another module's repository file",
      filename: ORDERS_COMMAND,
      code: "import { findCustomer } from '../../customers/customers.repo.js';",
      errors: [{ messageId: 'internal', data: { from: 'orders', to: 'customers', target: '../../customers/customers.repo.js' } }],
    },
    {
      name: "a module's internals from platform code",
      filename: PLATFORM_FILE,
      code: "import { repo } from '../modules/orders/orders.repo.js';",
      errors: [{ messageId: 'internal', data: { from: 'x.ts', to: 'orders', target: '../modules/orders/orders.repo.js' } }],
    },
    {
      name: 'a nested internal file',
      filename: ORDERS_COMMAND,
      code: "import { createCustomer } from '../../customers/commands/create.js';",
      errors: [{ messageId: 'internal' }],
    },
    {
      name: 'export ... from an internal file',
      filename: ORDERS_ROUTES,
      code: "export { findCustomer } from '../customers/customers.repo.js';",
      errors: [{ messageId: 'internal' }],
    },
    {
      name: 'export * from an internal file',
      filename: ORDERS_ROUTES,
      code: "export * from '../customers/customers.repo.js';",
      errors: [{ messageId: 'internal' }],
    },
    {
      name: 'a dynamic import of an internal file',
      filename: ORDERS_ROUTES,
      code: "const m = await import('../customers/customers.repo.js');",
      errors: [{ messageId: 'internal' }],
    },
    {
      name: 'one error per offending import',
      filename: ORDERS_COMMAND,
      code: "import { a } from '../../customers/a.js';\nimport { b } from '../../customers/index.js';\nimport { c } from '../../billing/c.js';",
      errors: [
        { messageId: 'internal', line: 1 },
        { messageId: 'internal', line: 3, data: { from: 'orders', to: 'billing', target: '../../billing/c.js' } },
      ],
    },
  ],
});
