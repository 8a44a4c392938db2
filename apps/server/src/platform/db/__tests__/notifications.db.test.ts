import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/support/db.js';
import { listenForNotifications } from '../notifications.js';

async function until(what: string, check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('notifications', () => {
  it('hears a channel subscribed after the connection is up once its LISTEN is confirmed, without starting over; never live on SQLite', async () => {
    const config = await testConfig();
    const warnings: string[] = [];
    const notifications = listenForNotifications(config.database, { warn: (m) => warnings.push(m) });
    try {
      if (config.database.kind !== 'postgres') {
        expect(notifications.live).toBe(false);
        notifications.subscribe('oc_test_late', { message: () => {}, gap: () => {} });
        expect(notifications.live).toBe(false);
        return;
      }
      await until('connected', () => notifications.live);
      const heard: string[] = [];
      let gaps = 0;
      notifications.subscribe('oc_test_late', { message: (p) => heard.push(p), gap: () => gaps++ });
      expect(notifications.live).toBe(false); // LISTEN not confirmed yet: nothing may rely on it
      await until('listening to the new channel', () => notifications.live);
      const sender = new pg.Client({ connectionString: config.database.url });
      await sender.connect();
      try {
        await sender.query("select pg_notify('oc_test_late', 'hello')");
      } finally {
        await sender.end();
      }
      await until('the notification arrives', () => heard.length > 0);
      expect(heard).toEqual(['hello']);
      expect(gaps).toBe(0);
      expect(warnings).toEqual([]);
    } finally {
      await notifications.close();
    }
  });
});
