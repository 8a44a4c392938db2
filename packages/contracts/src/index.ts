export * from './common.js';
export * from './auth.js';
export * from './admin.js';
export * from './customers.js';
export * from './catalog.js';
export * from './inventory.js';
export * from './settings.js';
export * from './orders.js';
